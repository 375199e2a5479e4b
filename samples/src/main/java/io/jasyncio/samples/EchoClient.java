// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.openConnection;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The echo server's client: {@code echo-client [host] [port]} (127.0.0.1 and 8888 by default) sends a
 * few lines, prints each reply, and closes.
 */
public final class EchoClient {
    /** The lines the client sends. */
    static final List<String> LINES = List.of("hello", "from jasyncio", "bye");

    private EchoClient() {
    }

    @Async
    static Coroutine<Void> talk(String host, int port) throws IOException {
        Connection connection = await(openConnection(host, port));
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

    /** Runs the client: {@code [host] [port]}. */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : EchoServer.DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : EchoServer.DEFAULT_PORT;
        run(talk(host, port));
    }
}
