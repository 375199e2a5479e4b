// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.startServer;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An echo server: {@code echo-server [host] [port]} (127.0.0.1 and 8888 by default; port 0 lets the
 * system choose) prints the address it listens on, then sends each line it receives back to its
 * sender, until the sender closes; one task per connection, all on one thread, until interrupted.
 */
public final class EchoServer {
    /** The host the echo samples use by default. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /** The port the echo samples use by default. */
    static final int DEFAULT_PORT = 8888;

    private EchoServer() {
    }

    /** Echoes each line back until the client closes its side, then closes. */
    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        System.out.println("connection from " + writer.getPeerAddress());
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(line);
            await(writer.drain());               // waits only if the client reads slower than it sends
        }
        System.out.println("closed by " + writer.getPeerAddress());
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    @Async
    static Coroutine<Void> serve(String host, int port) throws IOException {
        Server server = await(startServer(EchoServer::echo, host, port));
        InetSocketAddress address = (InetSocketAddress) server.getBoundAddresses().get(0);
        System.out.println("serving on " + address.getHostString() + ":" + address.getPort());
        System.out.flush();
        await(server.serveForever());
        return result(null);
    }

    /** Runs the server: {@code [host] [port]}. */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        run(serve(host, port));
    }
}
