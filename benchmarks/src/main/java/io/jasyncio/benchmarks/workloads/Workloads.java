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
}
