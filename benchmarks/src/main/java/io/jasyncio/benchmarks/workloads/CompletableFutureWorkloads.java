// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The workloads as {@code CompletableFuture} chains on a single-thread executor, the loop: a task is
 * a chain started with {@code supplyAsync(..., loop)}, the switch is a {@code runAsync(nothing, loop)}
 * that the chain continues after, an await is {@code thenCompose}/{@code thenApply}, the gather is
 * {@code allOf}. Sleeps use the JDK's own {@code CompletableFuture.delayedExecutor}, whose timer
 * thread hands each wake-up to the loop. Echo uses NIO's {@code AsynchronousSocketChannel} in a
 * channel group over the loop: the group's own thread waits for the sockets and hands each
 * completion to the loop, and each round trip is a chain (write, then read, then check).
 */
public final class CompletableFutureWorkloads implements Workloads {
    private static final Runnable NOTHING = () -> { };

    private static final String LOOPBACK = "127.0.0.1";

    private final ExecutorService loop = Executors.newSingleThreadExecutor();

    /**
     * The sockets' channel group, whose completion handlers run on {@link #loop}. One for the
     * process, not one a round: shutting a group down would shut its executor, the loop, down too.
     */
    private final AsynchronousChannelGroup channels = groupOver(loop);

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new CompletableFutureWorkloads(), args);
    }

    @Override
    public String description() {
        return "CompletableFuture chains on Executors.newSingleThreadExecutor(); "
                + "echo: AsynchronousSocketChannel in an AsynchronousChannelGroup over that executor";
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return onLoop(() -> startAndGather(tasks, i -> nest(depth, switches))).join();
    }

    @Override
    public long spawn(int tasks) {
        return onLoop(() -> startAndGather(tasks, CompletableFuture::completedFuture)).join();
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        var sleep = CompletableFuture.delayedExecutor((long) (seconds * 1e9), TimeUnit.NANOSECONDS, loop);
        // Once the loop has started every chain, each one waits for its timer.
        CompletableFuture<Long> everyone = CompletableFuture.supplyAsync(
                () -> startAndGather(tasks, i -> CompletableFuture.runAsync(NOTHING, sleep).thenApply(ignored -> 1)),
                loop).join();
        allParked.run();
        return everyone.join();
    }

    @Override
    public long echo(int connections, int roundTrips, int messageBytes, Runnable connecting, Runnable allEchoed) {
        byte[] message = EchoMessage.of(messageBytes);
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(channels)) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), connections);
            SocketAddress address = server.getLocalAddress();
            CompletableFuture<Void> serving = onLoop(() -> acceptAndEcho(server, connections, roundTrips, messageBytes));
            connecting.run();
            long echoed = onLoop(() -> startAndGather(connections, i -> talk(address, message, roundTrips))).join();
            allEchoed.run();
            serving.join();
            return echoed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Awaits {@code depth} nested chains; the innermost one switches {@code switches} times. */
    private CompletableFuture<Integer> nest(int depth, int switches) {
        if (depth == 0) {
            return switchTimes(switches).thenApply(ignored -> 0);
        }
        return nest(depth - 1, switches).thenApply(inner -> inner + 1);
    }

    /** A loop of {@code times} switches that keeps the chain flat: each switch is registered after the last. */
    private CompletableFuture<Void> switchTimes(int times) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Runnable() {
            private int left = times;

            @Override
            public void run() {
                if (left-- == 0) {
                    done.complete(null);
                } else {
                    CompletableFuture.runAsync(NOTHING, loop).thenRun(this);
                }
            }
        }.run();
        return done;
    }

    /** Starts a chain per task on the loop and returns the sum of their results once all have ended. */
    private CompletableFuture<Long> startAndGather(int tasks, IntFunction<CompletableFuture<Integer>> body) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] all = new CompletableFuture[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            all[i] = CompletableFuture.supplyAsync(() -> body.apply(index), loop).thenCompose(chain -> chain);
        }
        return CompletableFuture.allOf(all).thenApply(ignored -> {
            long sum = 0;
            for (CompletableFuture<Integer> each : all) {
                sum += each.join();
            }
            return sum;
        });
    }

    /**
     * Accepts {@code connections} connections one after another, each echoed by a chain of its own;
     * completes once every chain has ended.
     */
    private CompletableFuture<Void> acceptAndEcho(AsynchronousServerSocketChannel server, int connections,
            int roundTrips, int messageBytes) {
        List<CompletableFuture<Integer>> echoing = new ArrayList<>(connections);
        return acceptNext(server, connections, echoing, roundTrips, messageBytes)
                .thenCompose(allAccepted -> CompletableFuture.allOf(echoing.toArray(new CompletableFuture<?>[0])));
    }

    /** Accepts a connection, adds its echo chain to {@code echoing}, and goes on until {@code connectionsLeft} are accepted. */
    private CompletableFuture<Void> acceptNext(AsynchronousServerSocketChannel server, int connectionsLeft,
            List<CompletableFuture<Integer>> echoing, int roundTrips, int messageBytes) {
        if (connectionsLeft == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFutureWorkloads.<AsynchronousSocketChannel>completion(handler -> server.accept(null, handler))
                .thenCompose(accepted -> {
                    echoing.add(echoBack(withNoDelay(accepted), roundTrips, messageBytes));
                    return acceptNext(server, connectionsLeft - 1, echoing, roundTrips, messageBytes);
                });
    }

    /** The server's chain for a connection: echoes {@code roundTrips} messages, then closes. */
    private CompletableFuture<Integer> echoBack(AsynchronousSocketChannel channel, int roundTrips, int messageBytes) {
        ByteBuffer message = ByteBuffer.allocate(messageBytes);
        return closedAfter(channel, roundTripsInTurn(roundTrips, () -> {
            message.clear();
            return readFully(channel, message).thenCompose(read -> writeFully(channel, message.flip()));
        }));
    }

    /** A client: connects, sends {@code message} and reads its echo {@code roundTrips} times, closes; completes with the bytes echoed. */
    private CompletableFuture<Integer> talk(SocketAddress address, byte[] message, int roundTrips) {
        AsynchronousSocketChannel channel = openSocket();
        ByteBuffer echo = ByteBuffer.allocate(message.length);
        CompletableFuture<Integer> talked = CompletableFutureWorkloads.<Void>completion(
                handler -> channel.connect(address, null, handler))
                .thenCompose(connected -> roundTripsInTurn(roundTrips, () -> writeFully(channel, ByteBuffer.wrap(message))
                        .thenCompose(written -> readFully(channel, echo.clear()))
                        .thenApply(read -> {
                            EchoMessage.check(message, echo.array());
                            return read;
                        })));
        return closedAfter(channel, talked);
    }

    /**
     * Runs {@code roundTrip} {@code times} times, each once the last has ended, and completes with the
     * sum of their results, or with the first failure. Each round trip registers the next when it
     * ends, so that the chain stays flat instead of nesting {@code times} futures.
     */
    private static CompletableFuture<Integer> roundTripsInTurn(int times, Supplier<CompletableFuture<Integer>> roundTrip) {
        CompletableFuture<Integer> all = new CompletableFuture<>();
        new Object() {
            private int left = times;
            private int sum;

            void next() {
                if (left-- == 0) {
                    all.complete(sum);
                    return;
                }
                roundTrip.get().whenComplete((bytes, failure) -> {
                    if (failure != null) {
                        all.completeExceptionally(failure);
                    } else {
                        sum += bytes;
                        next();
                    }
                });
            }
        }.next();
        return all;
    }

    /** Reads until {@code buffer} is full; completes with its capacity, or {@link EOFException} if the peer closes first. */
    private static CompletableFuture<Integer> readFully(AsynchronousSocketChannel channel, ByteBuffer buffer) {
        return CompletableFutureWorkloads.<Integer>completion(handler -> channel.read(buffer, null, handler))
                .thenCompose(read -> {
                    if (read < 0) {
                        return CompletableFuture.failedFuture(new EOFException(buffer.position() + " bytes read on a total of "
                                + buffer.capacity() + " expected bytes"));
                    }
                    return buffer.hasRemaining() ? readFully(channel, buffer) : CompletableFuture.completedFuture(buffer.capacity());
                });
    }

    /** Writes what remains in {@code buffer}; completes with how many bytes that was. */
    private static CompletableFuture<Integer> writeFully(AsynchronousSocketChannel channel, ByteBuffer buffer) {
        int length = buffer.remaining();
        return CompletableFutureWorkloads.<Integer>completion(handler -> channel.write(buffer, null, handler))
                .thenCompose(written -> buffer.hasRemaining()
                        ? writeFully(channel, buffer).thenApply(rest -> length)
                        : CompletableFuture.completedFuture(length));
    }

    /** The future of one asynchronous channel operation, which {@code start} starts with the handler to complete it. */
    private static <T> CompletableFuture<T> completion(Consumer<CompletionHandler<T, Void>> start) {
        CompletableFuture<T> completed = new CompletableFuture<>();
        start.accept(new CompletionHandler<>() {
            @Override
            public void completed(T result, Void attachment) {
                completed.complete(result);
            }

            @Override
            public void failed(Throwable failure, Void attachment) {
                completed.completeExceptionally(failure);
            }
        });
        return completed;
    }

    /** {@code chain}, which closes {@code channel} once it has ended, however it ended. */
    private static <T> CompletableFuture<T> closedAfter(AsynchronousSocketChannel channel, CompletableFuture<T> chain) {
        return chain.whenComplete((result, failure) -> {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private AsynchronousSocketChannel openSocket() {
        try {
            return withNoDelay(AsynchronousSocketChannel.open(channels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code channel}, which sends each write at once: {@code TCP_NODELAY}, as asyncio sets it on every TCP connection. */
    private static AsynchronousSocketChannel withNoDelay(AsynchronousSocketChannel channel) {
        try {
            return channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AsynchronousChannelGroup groupOver(ExecutorService executor) {
        try {
            return AsynchronousChannelGroup.withThreadPool(executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> main) {
        return CompletableFuture.supplyAsync(main, loop).thenCompose(started -> started);
    }
}
