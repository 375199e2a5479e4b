// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the blocking reads and writes of every loop's subprocess pipes, where asyncio
 * registers the pipes' descriptors with its selector: the JDK gives a child's pipes only as blocking
 * streams, and no selectable channel.
 *
 * <p>One job is one blocking call ({@code read} of one chunk, {@code write} and {@code flush} of one
 * chunk, or the JDK's start of a child, which takes milliseconds), and its outcome goes back to the loop with {@code callSoonThreadsafe}; the loop decides
 * whether to start the next. So a pipe holds a thread only while a read or write of it is actually
 * blocked, never while it is paused, idle on the loop's side, or waiting for the loop to take the
 * last chunk, and the loop is never flooded faster than it consumes. There are at most as many
 * threads as pipes in a blocking call at once: at most two per running child reading (stdout and
 * stderr) plus one per child whose stdin is being written. The pool has no cap on purpose: a
 * job waiting for a thread is a pipe nobody reads, and a child blocked on that full pipe would never
 * write to the pipe a busy thread waits on, a deadlock; the bound is the number of pipes, which the
 * children themselves bound. Threads are daemons (a stuck child never keeps the JVM alive), named
 * {@code asyncio-pipe-N}, with small stacks, and end after {@value #IDLE_SECONDS} s idle, so a program
 * that ran 100 children at once goes back to no threads.
 */
final class PipeThreads {
    /** How long an idle thread lives, in seconds. */
    static final long IDLE_SECONDS = 10;

    /** The stack a pipe thread asks for, in bytes: its job is one read or write call, shallow. */
    private static final long STACK_SIZE = 256 * 1024;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** The shared pool: no queue (a job starts at once, on an idle thread or a new one). */
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), job -> {
                Thread thread = new Thread(null, job, "asyncio-pipe-" + THREAD_NUMBER.getAndIncrement(), STACK_SIZE);
                thread.setDaemon(true);
                return thread;
            });

    private PipeThreads() {
    }

    /** Runs {@code blockingCall} on a pipe thread, at once. */
    static void run(Runnable blockingCall) {
        POOL.execute(blockingCall);
    }

    /** How many pipe threads exist now, busy or idle: for tests and diagnostics. */
    static int threadCount() {
        return ((ThreadPoolExecutor) POOL).getPoolSize();
    }
}
