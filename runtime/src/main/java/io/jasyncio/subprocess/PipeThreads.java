// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
 * chunk, or the JDK's start of a child, which takes milliseconds), and its outcome goes back to the
 * loop with {@code callSoonThreadsafe}; the loop decides whether to start the next. So a pipe holds a thread only while a read or write of it is actually
 * blocked, never while it is paused, idle on the loop's side, or waiting for the loop to take the
 * last chunk, and the loop is never flooded faster than it consumes. There are at most as many
 * threads as pipes in a blocking call at once: at most two per running child reading (stdout and
 * stderr) plus one per child whose stdin is being written. The pool has no cap on purpose: a
 * job waiting for a thread is a pipe nobody reads, and a child blocked on that full pipe would never
 * write to the pipe a busy thread waits on, a deadlock; the bound is the number of pipes, which the
 * children themselves bound. Threads are daemons (a stuck child never keeps the JVM alive), named
 * {@code asyncio-pipe-N}, with small stacks, and end after {@value #IDLE_SECONDS} s idle, so a program
 * that ran 100 children at once goes back to no threads.
 *
 * <p>A job goes to an idle thread if one waits; else a starter thread starts a new one for it, so
 * that the loop never waits for {@link Thread#start()}, which takes milliseconds on a busy machine
 * (a hundred children starting at once, with their pipes, stalled the loop for a second when it
 * started the threads itself).
 */
final class PipeThreads {
    /** How long an idle thread lives, in seconds. */
    static final long IDLE_SECONDS = 10;

    /** The stack a pipe thread asks for, in bytes: its job is one read or write call, shallow. */
    private static final long STACK_SIZE = 256 * 1024;

    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** How many pipe threads are alive, busy or idle. */
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Where idle pipe threads wait for their next job: an offer succeeds only if one is waiting. */
    private static final SynchronousQueue<Runnable> IDLE = new SynchronousQueue<>();

    /** The one thread that starts pipe threads, in order, off the loop. */
    private static final ExecutorService STARTER = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), job -> daemon(job, "asyncio-pipe-starter"));

    private PipeThreads() {
    }

    /** Runs {@code blockingCall} on a pipe thread: an idle one at once, or a new one as soon as it has started. */
    static void run(Runnable blockingCall) {
        if (!IDLE.offer(blockingCall)) {
            STARTER.execute(() -> {
                if (!IDLE.offer(blockingCall)) { // a thread may have come free meanwhile
                    THREADS.incrementAndGet();
                    daemon(() -> work(blockingCall), "asyncio-pipe-" + THREAD_NUMBER.getAndIncrement()).start();
                }
            });
        }
    }

    /** A pipe thread's life: {@code first}, then each job handed to it, until it has been idle too long. */
    private static void work(Runnable first) {
        try {
            for (Runnable job = first; job != null; job = IDLE.poll(IDLE_SECONDS, TimeUnit.SECONDS)) {
                try {
                    job.run();
                } catch (RuntimeException | Error bug) { // the jobs catch what their calls throw: this is a bug
                    LOGGER.log(Level.ERROR, "a subprocess pipe job failed", bug);
                }
            }
        } catch (InterruptedException interrupted) {
            // nobody interrupts pipe threads; ending is all there is to do
        } finally {
            THREADS.decrementAndGet();
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(null, body, name, STACK_SIZE);
        thread.setDaemon(true);
        return thread;
    }

    /** How many pipe threads are alive now, busy or idle: for tests and diagnostics. */
    static int threadCount() {
        return THREADS.get();
    }
}
