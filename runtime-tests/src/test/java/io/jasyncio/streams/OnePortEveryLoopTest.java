// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.transports.Server;
import io.jasyncio.transports.ServerOptions;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.streams.Streams.startServer;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopGroup;
import io.jasyncio.annotations.Async;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One port served by every loop of a group: a server on each loop with {@code SO_REUSEPORT}, the
 * kernel spreading the connections, or one server whose loop hands each connection to the next loop.
 */
class OnePortEveryLoopTest {
    private static final ServerOptions REUSE_PORT = ServerOptions.DEFAULTS.withReusePort(true);

    @Async
    static Coroutine<Void> answerWithTheLoopsThread(StreamReader reader, StreamWriter writer) throws IOException {
        await(reader.readline());
        writer.write((Thread.currentThread().getName() + "\n").getBytes(US_ASCII));
        await(writer.drain());
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    /** Listens on {@code port} (0 for any; the chosen one goes to {@code bound}) until {@code stop} completes. */
    @Async
    static Coroutine<String> serve(CompletableFuture<Integer> port, CompletableFuture<Integer> bound,
            CompletableFuture<Void> stop) throws IOException {
        Server server = await(startServer(OnePortEveryLoopTest::answerWithTheLoopsThread, "127.0.0.1", await(port), REUSE_PORT));
        bound.complete(((InetSocketAddress) server.getBoundAddresses().get(0)).getPort());
        await(stop);
        server.close();
        await(server.waitClosed());
        return result("served");
    }

    @Test
    void aServerOnEachLoopListensOnTheSamePortAndAnswersEveryConnection() throws Exception {
        CompletableFuture<Integer> firstBound = new CompletableFuture<>();
        CompletableFuture<Integer> secondBound = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        try (LoopGroup loops = new LoopGroup(2)) {
            CompletableFuture<List<String>> serving = CompletableFuture.supplyAsync(() -> loops.run(index -> index == 0
                    ? declaringNothing(() -> serve(CompletableFuture.completedFuture(0), firstBound, stop))
                    : declaringNothing(() -> serve(firstBound, secondBound, stop))));
            int port = firstBound.get(10, TimeUnit.SECONDS);
            assertEquals(port, secondBound.get(10, TimeUnit.SECONDS));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(ask(port));
            }
            stop.complete(null);
            assertEquals(List.of("served", "served"), serving.get(10, TimeUnit.SECONDS));
            TreeMap<String, Integer> perLoop = new TreeMap<>();
            answers.forEach(answer -> perLoop.merge(answer, 1, Integer::sum));
            assertEquals(64, answers.size());
            assertTrue(List.of("jasyncio-loop-0", "jasyncio-loop-1").containsAll(perLoop.keySet()), perLoop::toString);
        }
    }

    /** Serves on every loop through one server on loop 0, until {@code stop}; then waits for every connection to end. */
    @Async
    static Coroutine<String> acceptAndHandOff(List<? extends EventLoop> loops, CompletableFuture<Integer> bound,
            CompletableFuture<Void> stop) throws IOException {
        Server server = await(startServer(OnePortEveryLoopTest::answerWithTheLoopsThread, "127.0.0.1", 0,
                ServerOptions.DEFAULTS.withConnectionLoops(loops)));
        bound.complete(((InetSocketAddress) server.getBoundAddresses().get(0)).getPort());
        await(stop);
        server.close();
        await(server.waitClosed()); // connections served on the other loop report their end to this one
        return result("accepted for every loop");
    }

    @Test
    void oneServerHandsItsConnectionsToTheLoopsInTurn() throws Exception {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        try (LoopGroup loops = new LoopGroup(2)) {
            CompletableFuture<List<String>> serving = CompletableFuture.supplyAsync(() -> loops.run(index -> index == 0
                    ? declaringNothing(() -> acceptAndHandOff(loops.loops(), bound, stop))
                    : Asyncio.<String>result("idle")));
            int port = bound.get(10, TimeUnit.SECONDS);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(ask(port));
            }
            stop.complete(null);
            assertEquals(List.of("accepted for every loop", "idle"), serving.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("jasyncio-loop-0", "jasyncio-loop-1", "jasyncio-loop-0", "jasyncio-loop-1",
                    "jasyncio-loop-0"), answers);
        }
    }

    private static String ask(int port) throws IOException {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write("which loop?\n".getBytes(US_ASCII));
            return new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII)).readLine();
        }
    }

    @Async
    static Coroutine<Void> bindTwice(ServerOptions second) throws IOException {
        Server first = await(startServer((reader, writer) -> null, "127.0.0.1", 0, REUSE_PORT));
        int port = ((InetSocketAddress) first.getBoundAddresses().get(0)).getPort();
        try {
            Server again = await(startServer((reader, writer) -> null, "127.0.0.1", port, second));
            again.close();
        } finally {
            first.close();
        }
        return result(null);
    }

    @Test
    void withoutReusePortASecondServerCannotListenOnThePort() throws IOException {
        BindException failure = assertThrows(BindException.class, () -> Asyncio.run(bindTwice(ServerOptions.DEFAULTS)));
        assertTrue(failure.getMessage().startsWith("error while attempting to bind on address /127.0.0.1:"),
                failure.getMessage());
        Asyncio.run(bindTwice(REUSE_PORT)); // both sockets ask for it: the port is shared
    }

    /** A coroutine of a method that declares {@code throws IOException}, for a lambda that can declare nothing. */
    private static <T> Coroutine<T> declaringNothing(CoroutineCall<T> call) {
        try {
            return call.call();
        } catch (IOException failure) { // only the coroutine fails, never the call
            throw new UncheckedIOException(failure);
        }
    }

    /** A call that makes a coroutine and declares the checked exception of its coroutine. */
    private interface CoroutineCall<T> {
        Coroutine<T> call() throws IOException;
    }
}
