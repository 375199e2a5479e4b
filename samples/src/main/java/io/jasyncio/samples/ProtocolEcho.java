// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

// README:protocols
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.transports.Transports.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Protocol;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.Transport;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;

/** An echo server and its client as protocols, asyncio's callback style: no task per connection. */
public class ProtocolEcho {
    /** The server's side of each connection: writes back what arrives; at the client's end, closes. */
    static class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** The client: sends a line and its end, prints what comes back and when the connection is lost. */
    static class Client implements Protocol {
        final Future<Void> lost = getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport transport) {
            transport.write("hello, protocols\n".getBytes(UTF_8));
            transport.writeEof();
        }

        @Override
        public void dataReceived(byte[] data) {
            System.out.print("echoed: " + new String(data, UTF_8));
        }

        @Override
        public boolean eofReceived() {
            System.out.println("the server closed its side");
            return false; // and so does the client: the transport closes
        }

        @Override
        public void connectionLost(Exception failure) {
            System.out.println("connection lost: " + failure);
            lost.setResult(null);
        }
    }

    @Async
    static Coroutine<Void> main() throws IOException {
        Server server = await(createServer(Echo::new, "127.0.0.1", 0));
        int port = ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
        TransportAndProtocol<Transport, Client> client = await(createConnection(Client::new, "127.0.0.1", port));
        await(client.protocol().lost);
        server.close();
        await(server.waitClosed()); // the server's side closed at the client's end
        return result(null);
    }

    public static void main(String[] args) throws IOException {
        run(main());
    }
}
// README:end
