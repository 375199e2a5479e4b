// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

/**
 * The workloads of the comparison, as one system (jasyncio or a peer) runs them: each method starts
 * its tasks, waits until all of them have ended and returns a checksum of their results, which
 * {@link WorkloadRunner} checks so that no system can skip work.
 *
 * <p>A "task" is whatever the system schedules concurrently (a jasyncio {@code Task}, a virtual
 * thread, a Kotlin coroutine, a {@code CompletableFuture} chain); a "switch" is one {@code sleep(0)}
 * or its equivalent: the task gives way to every other ready task once.
 *
 * <p>Echo is the one workload with sockets: each system uses its own (jasyncio's streams, blocking
 * {@code java.net} sockets, NIO's asynchronous channels, CPython's streams), always over loopback
 * TCP with {@code TCP_NODELAY}, as asyncio sets it on every TCP connection.
 */
public interface Workloads {
    /** What runs the workloads, for the table's notes: the library and version, and how it is set up. */
    String description();

    /**
     * Runs {@code tasks} concurrent tasks. Each calls a chain of {@code depth} nested functions, each
     * awaiting the next and returning its value plus one, whose innermost one switches {@code switches}
     * times and returns 0. Returns the sum of the tasks' results: {@code tasks * depth}.
     */
    long yields(int tasks, int depth, int switches);

    /** Starts {@code tasks} tasks, task {@code i} returning {@code i} at once, and gathers them: returns the sum. */
    long spawn(int tasks);

    /**
     * Starts {@code tasks} tasks that each sleep {@code seconds} and return 1, runs {@code allParked}
     * once every one of them sleeps, and gathers them: returns {@code tasks}.
     */
    long sleepers(int tasks, double seconds, Runnable allParked);

    /**
     * Starts an echo server on 127.0.0.1, at a port the system chooses, and {@code connections}
     * clients at once. Each client opens a connection to the server, then {@code roundTrips} times
     * sends {@code EchoMessage.of(messageBytes)} and waits for all of its bytes to come back before it
     * sends again, then closes; the server runs a task per connection that echoes {@code roundTrips}
     * messages of {@code messageBytes} bytes, then closes. Runs {@code connecting} just before the
     * first client connects and {@code allEchoed} once every client has closed after its last echo,
     * so that the time between them leaves the server's start and end out. Fails if an echo differs
     * from the message; returns the bytes echoed to the clients:
     * {@code connections * roundTrips * messageBytes}.
     */
    long echo(int connections, int roundTrips, int messageBytes, Runnable connecting, Runnable allEchoed);

    /**
     * Echo as {@link #echo} describes it, with every one of the machine's {@code processors} cores:
     * the system's server and clients spread over a thread (or a process) per core, each system in
     * its own way. By default this is {@link #echo} itself, for the systems whose JVM options set
     * their threads (virtual threads' carriers, Netty's event loops), which the driver sets to one
     * per processor for this workload.
     */
    default long echoOnEveryCore(int processors, int connections, int roundTrips, int messageBytes, Runnable connecting,
            Runnable allEchoed) {
        return echo(connections, roundTrips, messageBytes, connecting, allEchoed);
    }
}
