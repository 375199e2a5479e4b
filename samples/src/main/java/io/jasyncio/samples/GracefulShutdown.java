// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.signals.Signals.SIGTERM;
import static io.jasyncio.signals.Signals.addSignalHandler;
import static io.jasyncio.signals.Signals.removeSignalHandler;
import static io.jasyncio.streams.Streams.startServer;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A server that shuts down gracefully on SIGTERM ({@code kill PID}, or a service manager stopping
 * it): {@code graceful-shutdown [host] [port]} (127.0.0.1 and 8888 by default; port 0 lets the system
 * choose) answers each request line after a second of work. On SIGTERM it stops accepting
 * connections, lets the requests in progress finish and reply, and exits normally.
 */
public final class GracefulShutdown {
    /** How many connections are open. */
    private static int connections;

    private GracefulShutdown() {
    }

    /** Answers each line with "done: LINE" after a second of work, until the client closes. */
    @Async
    static Coroutine<Void> work(StreamReader reader, StreamWriter writer) throws IOException {
        connections++;
        try {
            byte[] line;
            while ((line = await(reader.readline())).length > 0) {
                String request = new String(line, UTF_8).strip();
                System.out.println("working on " + request + " for " + writer.getPeerAddress());
                await(sleep(1));                    // SIGTERM may come meanwhile: the reply still goes out
                writer.write(("done: " + request + "\n").getBytes(UTF_8));
                await(writer.drain());
            }
            writer.close();
            await(writer.waitClosed());
        } finally {
            connections--;
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> serve(String host, int port) throws IOException {
        Event terminate = new Event();
        addSignalHandler(SIGTERM, terminate::set);  // runs on the loop's thread, as asyncio's does
        Server server = await(startServer(GracefulShutdown::work, host, port));
        InetSocketAddress address = (InetSocketAddress) server.getBoundAddresses().get(0);
        System.out.println("serving on " + address.getHostString() + ":" + address.getPort() + ", pid "
                + ProcessHandle.current().pid());
        await(terminate.await());
        server.close();                             // stops listening; the connections go on
        System.out.println("SIGTERM: no new connections; draining " + connections + " open connection(s)");
        await(server.waitClosed());                 // every connection closed by its handler
        removeSignalHandler(SIGTERM);
        System.out.println("drained: exiting");
        return result(null);
    }

    /** Runs the server: {@code [host] [port]}. */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : EchoServer.DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : EchoServer.DEFAULT_PORT;
        run(serve(host, port));
    }
}
