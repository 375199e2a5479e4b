// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.openConnection;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import java.io.IOException;
import io.jasyncio.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The echo server's client: {@code echo-client [--tls CA.pem] [host] [port]} (127.0.0.1 and 8888 by
 * default) sends a few lines, prints each reply, and closes. With {@code --tls}, the connection is
 * TLS, and the server's certificate must be signed by (or be) the certificate of {@code CA.pem} and
 * name the host.
 */
public final class EchoClient {
    /** The lines the client sends. */
    static final List<String> LINES = List.of("hello", "from jasyncio", "bye");

    private EchoClient() {
    }

    @Async
    static Coroutine<Void> talk(String host, int port, Path trusted) throws IOException {
        Connection connection;
        if (trusted == null) {
            connection = await(openConnection(host, port));
        } else {
            // README:tls-client
            SSLContext tls = Pem.clientContext(trusted);                 // trusts the certificates of this PEM file
            connection = await(openConnection(host, port, tls, null));   // null: the certificate must name host
            // README:end
        }
        for (String line : LINES) {
            connection.writer().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            await(connection.writer().drain());
            byte[] reply = await(connection.reader().readline());
            System.out.print("echo: " + new String(reply, StandardCharsets.UTF_8));
        }
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(null);
    }

    /** Runs the client: {@code [--tls CA.pem] [host] [port]}. */
    public static void main(String[] args) throws IOException {
        List<String> rest = List.of(args);
        Path trusted = null;
        if (!rest.isEmpty() && rest.get(0).equals("--tls")) {
            if (rest.size() < 2) {
                throw new IllegalArgumentException("usage: echo-client [--tls CA.pem] [host] [port]");
            }
            trusted = Path.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        String host = rest.size() > 0 ? rest.get(0) : EchoServer.DEFAULT_HOST;
        int port = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : EchoServer.DEFAULT_PORT;
        run(talk(host, port, trusted));
    }
}
