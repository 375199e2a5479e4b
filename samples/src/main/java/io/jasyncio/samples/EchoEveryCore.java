// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

// README:every-core
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.startServer;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.ServerOptions;
import java.io.IOException;

/** An echo server on every core: one loop per core, each with a server on the same port. */
public class EchoEveryCore {
    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(line);
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    @Async
    static Coroutine<Void> serve(int loop, int port) {
        ServerOptions oneSharedPort = ServerOptions.DEFAULTS.withReusePort(true); // the kernel spreads connections
        Server server;
        try {
            server = await(startServer(EchoEveryCore::echo, "127.0.0.1", port, oneSharedPort));
        } catch (IOException cannotListen) { // such as java.net.BindException: the port is taken
            System.out.println("loop " + loop + " cannot listen on port " + port + ": " + cannotListen);
            return result(null);
        }
        System.out.println("loop " + loop + " serving on port " + port);
        await(server.serveForever());
        return result(null);
    }

    /** Serves on {@code [port]} until Ctrl-C. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        runOnEveryCore(loop -> serve(loop, port)); // until Ctrl-C, which cancels every loop's server
    }
}
// README:end
