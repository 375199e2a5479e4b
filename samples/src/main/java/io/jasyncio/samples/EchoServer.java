// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.startServer;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.tls.Pem;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.ServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * An echo server: {@code echo-server [--tls CERT.pem KEY.pem] [host] [port]} (127.0.0.1 and 8888 by
 * default; port 0 lets the system choose) prints the address it listens on, then sends each line it
 * receives back to its sender, until the sender closes; one task per connection, all on one thread,
 * until interrupted. With {@code --tls}, connections are TLS, with the certificate and unencrypted
 * PKCS#8 key that {@code openssl req -x509 -newkey rsa:2048 -nodes} writes.
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
    static Coroutine<Void> serve(String host, int port, Path certificate, Path key) throws IOException {
        Server server;
        if (certificate == null) {
            server = await(startServer(EchoServer::echo, host, port));
        } else {
            // README:tls-server
            SSLContext tls = Pem.serverContext(certificate, key);       // a PEM certificate and its PKCS#8 key
            server = await(startServer(EchoServer::echo, host, port, ServerOptions.DEFAULTS.withSsl(tls)));
            // README:end
        }
        InetSocketAddress address = (InetSocketAddress) server.getBoundAddresses().get(0);
        System.out.println("serving on " + address.getHostString() + ":" + address.getPort() + (certificate != null ? " over TLS" : ""));
        System.out.flush();
        await(server.serveForever());
        return result(null);
    }

    /** Runs the server: {@code [--tls CERT.pem KEY.pem] [host] [port]}. */
    public static void main(String[] args) throws IOException {
        List<String> rest = List.of(args);
        Path certificate = null;
        Path key = null;
        if (!rest.isEmpty() && rest.get(0).equals("--tls")) {
            if (rest.size() < 3) {
                throw new IllegalArgumentException("usage: echo-server [--tls CERT.pem KEY.pem] [host] [port]");
            }
            certificate = Path.of(rest.get(1));
            key = Path.of(rest.get(2));
            rest = rest.subList(3, rest.size());
        }
        String host = rest.size() > 0 ? rest.get(0) : DEFAULT_HOST;
        int port = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : DEFAULT_PORT;
        run(serve(host, port, certificate, key));
    }
}
