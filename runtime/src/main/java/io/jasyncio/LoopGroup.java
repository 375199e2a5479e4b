// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Event loops on threads of their own, one per core, run and shut down together: how a jasyncio
 * program uses every core, as a Python server runs one asyncio process per core, while each loop
 * keeps asyncio's single-threaded rules (a future or a task belongs to one loop).
 *
 * <pre>{@code
 * try (LoopGroup loops = LoopGroup.ofEveryCore()) {
 *     loops.run(index -> serve(8888));   // one server per loop, one port: see ServerOptions.reusePort
 * }
 * }</pre>
 *
 * <p>Each loop runs in its own thread, inside a {@link Runner}, from the group's construction to its
 * {@link #close()}, which ends every loop as {@code asyncio.run()} ends its loop: the tasks left are
 * cancelled and waited for, the default executor is shut down, the loop is closed. Between the two,
 * {@link #run} runs one main coroutine on each loop and waits for all of them, as a
 * {@link TaskGroup} spanning the loops: the first failure cancels the other loops' main tasks.
 * Loops reach each other with {@link Asyncio#runCoroutineThreadsafe} (awaitable from another loop,
 * cancellation crossing both ways) and {@link io.jasyncio.queues.ThreadSafeQueue}.
 *
 * <p>The loop threads are daemon threads named {@code jasyncio-loop-N}: a group that is never
 * closed does not keep the JVM alive, but its loops end without cleaning up.
 */
public final class LoopGroup implements AutoCloseable {
    private final List<LoopThread> threads;

    private final List<EventLoop> loops;

    /** Whether {@link #close()} was called; guarded by {@code this}. */
    private boolean closed;

    /** A group of {@code size} selector loops, as {@link Asyncio#newEventLoop()} makes them. */
    public LoopGroup(int size) {
        this(size, Asyncio::newEventLoop);
    }

    /** A group of {@code size} loops, each made by {@code loopFactory} in its own thread. */
    public LoopGroup(int size, Supplier<? extends EventLoop> loopFactory) {
        if (size <= 0) {
            throw new IllegalArgumentException("size <= 0: " + size);
        }
        Objects.requireNonNull(loopFactory, "loopFactory");
        List<LoopThread> started = new ArrayList<>(size);
        List<EventLoop> startedLoops = new ArrayList<>(size);
        try {
            for (int index = 0; index < size; index++) {
                LoopThread thread = new LoopThread(index, loopFactory);
                thread.start();
                started.add(thread);
                startedLoops.add(thread.loop.join());
            }
        } catch (RuntimeException | Error failure) {
            started.forEach(LoopThread::stopLoop);
            started.forEach(LoopThread::joinUninterruptibly);
            throw Throwables.sneakyThrow(CompletionStages.asThrown(failure));
        }
        this.threads = List.copyOf(started);
        this.loops = List.copyOf(startedLoops);
    }

    /** A group of one loop per processor that the JVM may use, {@link Runtime#availableProcessors()}. */
    public static LoopGroup ofEveryCore() {
        return new LoopGroup(Runtime.getRuntime().availableProcessors());
    }

    /** How many loops the group has. */
    public int size() {
        return loops.size();
    }

    /** The loop numbered {@code index}, from 0. */
    public EventLoop loop(int index) {
        return loops.get(index);
    }

    /** The group's loops, in order. */
    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * Runs {@code mainOfLoop.apply(i)} as a task on loop {@code i}, for every loop at once, waits until
     * all have ended, and returns their results in loop order. The first to fail makes the others
     * cancelled, as in a {@link TaskGroup}; once all have ended, that failure is thrown as it was
     * thrown, with the later ones' failures as suppressed exceptions. A main task cancelled from
     * elsewhere makes this throw {@link CancelledError}. The coroutines are made on their loops'
     * threads. Meanwhile Ctrl-C, in the main thread, cancels every main task and then throws
     * {@link KeyboardInterrupt}, as {@link Runner#run} does; a second Ctrl-C exits. Blocks the calling
     * thread, which must not run a loop.
     */
    public <T> List<T> run(IntFunction<? extends Coroutine<T>> mainOfLoop) {
        Objects.requireNonNull(mainOfLoop, "mainOfLoop");
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("LoopGroup.run() cannot be called from a running event loop");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("LoopGroup is closed");
            }
        }
        GroupRun<T> run = new GroupRun<>(loops);
        for (int index = 0; index < loops.size(); index++) {
            int loopIndex = index;
            loops.get(index).callSoonThreadsafe(() -> run.start(loopIndex, mainOfLoop));
        }
        InterruptHandler interrupts = InterruptHandler.install(run::cancelAll);
        try {
            run.awaitEnd();
        } finally {
            if (interrupts != null) {
                interrupts.uninstall();
            }
        }
        return run.outcome(interrupts != null && interrupts.interrupted());
    }

    /**
     * Ends every loop as {@code asyncio.run()} ends its loop (cancels the tasks left and waits for
     * them, shuts the default executor down, closes the loop), and waits for the loops' threads.
     * Idempotent; must not be called from one of the group's loops.
     */
    @Override
    public void close() {
        for (LoopThread thread : threads) {
            if (thread == Thread.currentThread()) {
                throw new IllegalStateException("a LoopGroup cannot be closed from one of its own loops");
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        threads.forEach(LoopThread::stopLoop);
        Throwable failure = null;
        for (LoopThread thread : threads) {
            thread.joinUninterruptibly();
            if (thread.shutdownFailure != null) {
                if (failure == null) {
                    failure = thread.shutdownFailure;
                } else {
                    failure.addSuppressed(thread.shutdownFailure);
                }
            }
        }
        if (failure != null) {
            throw Throwables.sneakyThrow(failure);
        }
    }

    @Override
    public String toString() {
        return "LoopGroup[size=" + loops.size() + (closed ? " closed" : "") + "]";
    }

    /** A thread that runs one loop of the group inside a {@link Runner} until the group closes. */
    private static final class LoopThread extends Thread {
        private final Supplier<? extends EventLoop> loopFactory;

        /** The thread's loop, once made; failed if the loop could not be made. */
        final CompletableFuture<EventLoop> loop = new CompletableFuture<>();

        /** Done when the group closes: the loop runs until then. Loop thread only, once made. */
        private Future<Void> closing;

        /** What ending the loop threw, read once the thread has ended. */
        volatile Throwable shutdownFailure;

        LoopThread(int index, Supplier<? extends EventLoop> loopFactory) {
            super("jasyncio-loop-" + index);
            this.loopFactory = loopFactory;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Runner runner = new Runner(loopFactory)) {
                EventLoop threadLoop = runner.getLoop();
                closing = threadLoop.createFuture();
                loop.complete(threadLoop);
                threadLoop.runUntilComplete(closing);
            } catch (Throwable failure) {
                if (!loop.completeExceptionally(failure)) {
                    shutdownFailure = failure;
                }
            }
        }

        /** Lets the loop return from its run, and the runner end it; from any thread. */
        void stopLoop() {
            EventLoop threadLoop = loop.getNow(null);
            if (threadLoop == null || threadLoop.isClosed()) {
                return;
            }
            try {
                threadLoop.callSoonThreadsafe(() -> {
                    if (!closing.done()) {
                        closing.setResult(null);
                    }
                });
            } catch (IllegalStateException closedMeanwhile) {
                // the loop ended by itself: nothing is left to stop
            }
        }

        void joinUninterruptibly() {
            boolean interrupted = false;
            while (isAlive()) {
                try {
                    join();
                } catch (InterruptedException interruption) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One {@link #run}: the main task of each loop and how it ended. Each slot is written by its own
     * loop's thread; the calling thread reads them after the latch, which orders the writes before.
     */
    private static final class GroupRun<T> {
        private final List<EventLoop> loops;
        private final Task<?>[] tasks;
        private final Object[] results;
        private final Throwable[] failures;
        private final CountDownLatch ended;

        /** Set once the other tasks are to be cancelled: a task started after it is cancelled at once. */
        private volatile boolean cancelRequested;

        /** The loop whose failure cancelled the others, or -1; guarded by {@code this}. */
        private int firstFailure = -1;

        GroupRun(List<EventLoop> loops) {
            this.loops = loops;
            this.tasks = new Task<?>[loops.size()];
            this.results = new Object[loops.size()];
            this.failures = new Throwable[loops.size()];
            this.ended = new CountDownLatch(loops.size());
        }

        /** Starts loop {@code index}'s main task; on that loop's thread. */
        void start(int index, IntFunction<? extends Coroutine<T>> mainOfLoop) {
            Task<T> task;
            try {
                task = loops.get(index).createTask(mainOfLoop.apply(index));
            } catch (RuntimeException | Error failure) {
                finished(index, null, failure);
                return;
            }
            tasks[index] = task;
            task.addDoneCallback(done -> {
                if (done.cancelled()) {
                    finished(index, null, cancellation(done));
                } else {
                    Throwable failure = done.exception();
                    finished(index, failure == null ? done.result() : null, failure);
                }
            });
            if (cancelRequested) {
                task.cancel(); // its cancelAll ran on this loop before this start did
            }
        }

        private static CancelledError cancellation(Future<?> cancelled) {
            try {
                cancelled.result();
            } catch (CancelledError error) {
                return error;
            }
            throw new AssertionError("a cancelled future returned a result");
        }

        private void finished(int index, Object result, Throwable failure) {
            results[index] = result;
            failures[index] = failure;
            if (failure != null && !(failure instanceof CancelledError)) {
                boolean first;
                synchronized (this) {
                    first = firstFailure < 0;
                    if (first) {
                        firstFailure = index;
                    }
                }
                if (first) {
                    cancelAll();
                }
            }
            ended.countDown();
        }

        /** Cancels every main task still running; from any thread. Whether any had not ended. */
        boolean cancelAll() {
            cancelRequested = true;
            boolean anyLeft = ended.getCount() > 0;
            for (int index = 0; index < loops.size(); index++) {
                int loopIndex = index;
                try {
                    loops.get(index).callSoonThreadsafe(() -> {
                        Task<?> task = tasks[loopIndex];
                        if (task != null) {
                            task.cancel();
                        }
                    });
                } catch (IllegalStateException closed) {
                    // a closed loop runs nothing more
                }
            }
            return anyLeft;
        }

        void awaitEnd() {
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException interruption) {
                    interrupted = true;
                    cancelAll();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @SuppressWarnings("unchecked")
        List<T> outcome(boolean interrupted) {
            Throwable thrown;
            synchronized (this) {
                thrown = firstFailure >= 0 ? failures[firstFailure] : null;
            }
            CancelledError cancelled = null;
            for (Throwable failure : failures) {
                if (failure instanceof CancelledError error) {
                    cancelled = cancelled == null ? error : cancelled;
                } else if (failure != null && failure != thrown) {
                    thrown.addSuppressed(failure);
                }
            }
            if (thrown != null) {
                throw Throwables.sneakyThrow(thrown);
            }
            if (cancelled != null) {
                throw interrupted ? new KeyboardInterrupt(cancelled) : cancelled;
            }
            List<T> values = new ArrayList<>(results.length);
            for (Object result : results) {
                values.add((T) result);
            }
            return values;
        }
    }
}
