// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.runCoroutineThreadsafe;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.LoopGroup;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.benchmarks.BuildSettings;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.ServerOptions;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The workloads on jasyncio: each is one {@code run(...)} of a main coroutine that creates the tasks
 * and gathers them; echo uses {@code io.jasyncio.streams} on the selector loop that {@code run}
 * makes, and echo on every core a {@link LoopGroup} of a loop per processor, each with a server on
 * one shared port ({@code SO_REUSEPORT}) and its share of the clients. Runs woven by the agent
 * ({@code -javaagent:jasyncio-agent.jar}).
 */
public final class JasyncioWorkloads implements Workloads {
    private static final String LOOPBACK = "127.0.0.1";

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new JasyncioWorkloads(), args);
    }

    @Override
    public String description() {
        return "jasyncio " + BuildSettings.get("jasyncio.version") + ", woven at load time by the agent";
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return run(startAndGather(tasks, i -> nest(depth, switches)));
    }

    @Override
    public long spawn(int tasks) {
        return run(startAndGather(tasks, JasyncioWorkloads::identity));
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        return run(sleepAndGather(tasks, seconds, allParked));
    }

    @Override
    public long echo(int connections, int roundTrips, int messageBytes, Runnable connecting, Runnable allEchoed) {
        try {
            return run(serveAndTalk(connections, roundTrips, messageBytes, connecting, allEchoed));
        } catch (IOException failure) { // the workload interface declares none
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Starts a loop per processor, a server on each at one port that the kernel spreads connections
     * over, then runs an equal share of the clients on each loop; a client's connection lands on any
     * loop's server. The servers start before {@code connecting} and close after {@code allEchoed}.
     */
    @Override
    public long echoOnEveryCore(int processors, int connections, int roundTrips, int messageBytes, Runnable connecting,
            Runnable allEchoed) {
        byte[] message = EchoMessage.of(messageBytes);
        ServerOptions sharedPort = ServerOptions.DEFAULTS.withReusePort(true).withBacklog(connections);
        try (LoopGroup loops = new LoopGroup(processors)) {
            List<Server> servers = new ArrayList<>(processors);
            int port = 0; // the first server's port, chosen by the system, is every other server's
            for (EventLoop loop : loops.loops()) {
                servers.add(runCoroutineThreadsafe(echoServer(roundTrips, messageBytes, port, sharedPort), loop).join());
                port = portOf(servers.get(0));
            }
            int everyPort = port;
            try {
                connecting.run();
                List<Long> echoed = loops.run(index -> startAndGather(share(connections, processors, index),
                        client -> client(everyPort, message, roundTrips)));
                allEchoed.run();
                return echoed.stream().mapToLong(Long::longValue).sum();
            } finally {
                for (Server server : servers) {
                    runCoroutineThreadsafe(close(server), server.getLoop()).join();
                }
            }
        }
    }

    /** Loop {@code index}'s share of {@code connections} spread over {@code loops}: equal, give or take one. */
    private static int share(int connections, int loops, int index) {
        return connections / loops + (index < connections % loops ? 1 : 0);
    }

    private static int portOf(Server server) {
        return ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
    }

    /** Closes {@code server} and waits until it and its connections are closed. */
    @Async
    static Coroutine<Void> close(Server server) {
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    /** Awaits {@code depth} nested calls of itself; the innermost one switches {@code switches} times. */
    @Async
    static Coroutine<Integer> nest(int depth, int switches) {
        if (depth == 0) {
            for (int i = 0; i < switches; i++) {
                await(sleep(0));
            }
            return result(0);
        }
        return result(await(nest(depth - 1, switches)) + 1);
    }

    @Async
    static Coroutine<Integer> identity(int value) {
        return result(value);
    }

    @Async
    static Coroutine<Integer> sleeper(double seconds) {
        await(sleep(seconds));
        return result(1);
    }

    @Async
    static Coroutine<Long> startAndGather(int tasks, IntFunction<Coroutine<Integer>> body) {
        List<Task<Integer>> all = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            all.add(createTask(body.apply(i)));
        }
        return result(sum(await(gather(all))));
    }

    @Async
    static Coroutine<Long> sleepAndGather(int tasks, double seconds, Runnable allParked) {
        List<Task<Integer>> all = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            all.add(createTask(sleeper(seconds)));
        }
        Future<List<Integer>> everyone = gather(all);
        await(sleep(0)); // one iteration, in which every task runs up to its sleep
        allParked.run();
        return result(sum(await(everyone)));
    }

    /** Starts the echo server, gathers the clients, then closes the server and waits until its connections are closed. */
    @Async
    static Coroutine<Long> serveAndTalk(int connections, int roundTrips, int messageBytes, Runnable connecting,
            Runnable allEchoed) throws IOException {
        Server server = await(startServer((reader, writer) -> echoBack(reader, writer, roundTrips, messageBytes),
                LOOPBACK, 0));
        long echoed;
        try {
            int port = portOf(server);
            byte[] message = EchoMessage.of(messageBytes);
            connecting.run();
            echoed = await(startAndGather(connections, client -> client(port, message, roundTrips)));
            allEchoed.run();
        } finally {
            await(close(server));
        }
        return result(echoed);
    }

    /** The server's task for a connection: echoes {@code roundTrips} messages, then closes. */
    @Async
    static Coroutine<Void> echoBack(StreamReader reader, StreamWriter writer, int roundTrips, int messageBytes)
            throws IOException {
        for (int i = 0; i < roundTrips; i++) {
            writer.write(await(reader.readexactly(messageBytes)));
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    /** The echo server on {@code port} ({@code 0}: any), as a coroutine to submit to a loop of the group. */
    private static Coroutine<Server> echoServer(int roundTrips, int messageBytes, int port, ServerOptions options) {
        try {
            return startServer((reader, writer) -> echoBack(reader, writer, roundTrips, messageBytes), LOOPBACK, port, options);
        } catch (IOException notBeforeAwaited) { // a coroutine's exceptions come when it is awaited
            throw new UncheckedIOException(notBeforeAwaited);
        }
    }

    /** {@link #talk} for a function that may throw no checked exception: making the coroutine throws nothing. */
    private static Coroutine<Integer> client(int port, byte[] message, int roundTrips) {
        try {
            return talk(port, message, roundTrips);
        } catch (IOException notBeforeAwaited) { // a coroutine's exceptions come when it is awaited
            throw new UncheckedIOException(notBeforeAwaited);
        }
    }

    /** A client: connects, sends {@code message} and reads its echo {@code roundTrips} times, closes; returns the bytes echoed. */
    @Async
    static Coroutine<Integer> talk(int port, byte[] message, int roundTrips) throws IOException {
        Connection connection = await(openConnection(LOOPBACK, port));
        int echoed = 0;
        for (int i = 0; i < roundTrips; i++) {
            connection.writer().write(message);
            await(connection.writer().drain());
            byte[] echo = await(connection.reader().readexactly(message.length));
            EchoMessage.check(message, echo);
            echoed += echo.length;
        }
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(echoed);
    }

    private static long sum(List<Integer> values) {
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }
}
