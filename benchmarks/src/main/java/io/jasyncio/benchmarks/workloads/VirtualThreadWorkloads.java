// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The workloads on JDK virtual threads, a thread per task: {@code Thread.yield()} is the switch,
 * {@code Thread.sleep} the sleep and {@code join} the gather; echo uses blocking {@code java.net}
 * sockets, which park a virtual thread until its socket is ready. The driver runs it on JDK 25 with
 * one and with two carrier threads ({@code -Djdk.virtualThreadScheduler.parallelism}).
 */
public final class VirtualThreadWorkloads implements Workloads {
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * {@code Thread.startVirtualThread(Runnable)}, which exists from Java 21, while this module is
     * compiled for Java 17; a constant method handle costs the same as a direct call once compiled.
     */
    private static final MethodHandle START_VIRTUAL_THREAD = findStartVirtualThread();

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new VirtualThreadWorkloads(), args);
    }

    @Override
    public String description() {
        return "virtual threads, parallelism=" + System.getProperty("jdk.virtualThreadScheduler.parallelism", "default");
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return startAndJoin(tasks, i -> () -> nest(depth, switches));
    }

    @Override
    public long spawn(int tasks) {
        return startAndJoin(tasks, i -> () -> i);
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        long millis = (long) (seconds * 1000);
        AtomicInteger sleeping = new AtomicInteger();
        Thread[] threads = new Thread[tasks];
        int[] results = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            threads[i] = start(() -> {
                sleeping.incrementAndGet();
                sleepUninterruptibly(millis);
                results[index] = 1;
            });
        }
        while (sleeping.get() < tasks) {
            sleepUninterruptibly(1); // not a spin: the carriers need both cores
        }
        allParked.run();
        return joinAndSum(threads, results);
    }

    @Override
    public long echo(int connections, int roundTrips, int messageBytes, Runnable connecting, Runnable allEchoed) {
        byte[] message = EchoMessage.of(messageBytes);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), connections);
            Thread serving = start(() -> acceptAndEcho(server, connections, roundTrips, messageBytes));
            connecting.run();
            long echoed = startAndJoin(connections, i -> () -> talk(server.getLocalPort(), message, roundTrips));
            allEchoed.run();
            joinUninterruptibly(serving);
            return echoed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts {@code connections} connections, each echoed by a thread of its own, and returns once all are closed. */
    private static void acceptAndEcho(ServerSocket server, int connections, int roundTrips, int messageBytes) {
        Thread[] echoing = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            Socket accepted;
            try {
                accepted = server.accept();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            echoing[i] = start(() -> echoBack(accepted, roundTrips, messageBytes));
        }
        for (Thread thread : echoing) {
            joinUninterruptibly(thread);
        }
    }

    /** The server's thread for a connection: echoes {@code roundTrips} messages, then closes. */
    private static void echoBack(Socket socket, int roundTrips, int messageBytes) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] message = new byte[messageBytes];
            for (int i = 0; i < roundTrips; i++) {
                readExactly(in, message);
                out.write(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client: connects, sends {@code message} and reads its echo {@code roundTrips} times, closes; returns the bytes echoed. */
    private static int talk(int port, byte[] message, int roundTrips) {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] echo = new byte[message.length];
            int echoed = 0;
            for (int i = 0; i < roundTrips; i++) {
                out.write(message);
                echoed += readExactly(in, echo);
                EchoMessage.check(message, echo);
            }
            return echoed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {@code buffer} from {@code in} and returns its length; {@link EOFException} if the stream ends first. */
    private static int readExactly(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read < buffer.length) {
            throw new EOFException(read + " bytes read on a total of " + buffer.length + " expected bytes");
        }
        return read;
    }

    /** Calls itself {@code depth} times on the thread's stack; the innermost call yields {@code switches} times. */
    static int nest(int depth, int switches) {
        if (depth == 0) {
            for (int i = 0; i < switches; i++) {
                Thread.yield();
            }
            return 0;
        }
        return nest(depth - 1, switches) + 1;
    }

    private static long startAndJoin(int tasks, IntFunction<IntSupplier> body) {
        Thread[] threads = new Thread[tasks];
        int[] results = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            IntSupplier work = body.apply(i);
            threads[i] = start(() -> results[index] = work.getAsInt());
        }
        return joinAndSum(threads, results);
    }

    private static long joinAndSum(Thread[] threads, int[] results) {
        long sum = 0;
        for (int i = 0; i < threads.length; i++) {
            joinUninterruptibly(threads[i]);
            sum += results[i];
        }
        return sum;
    }

    private static Thread start(Runnable body) {
        try {
            return (Thread) START_VIRTUAL_THREAD.invokeExact(body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepUninterruptibly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static MethodHandle findStartVirtualThread() {
        try {
            return MethodHandles.publicLookup().findStatic(
                    Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is "
                    + System.getProperty("java.version"), e);
        }
    }
}
