// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs coroutines on an event loop of its own, and shuts the loop down cleanly, asyncio's
 * {@code Runner}: what {@code run(main)} does, for programs that run several coroutines on the same
 * loop.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(connect());
 *     runner.run(serve());      // same loop, same context
 * }                             // cancels what is left, shuts the executor down, closes the loop
 * }</pre>
 *
 * <p>The loop is made on first use. Each {@link #run} wraps its coroutine in a task that runs in the
 * runner's context, so a {@link ContextVar} set by one run is seen by the next. {@link #close()}
 * shuts down in asyncio's order: it cancels every task left and runs the loop until they have all
 * ended (they may clean up, and await while doing so), reporting to the exception handler those that
 * end with an exception other than a cancellation; then it closes the async generators left suspended
 * ({@link EventLoop#shutdownAsyncgens()}); then it shuts the default executor down and waits
 * for its jobs; then it closes the loop. While {@link #run} runs, Ctrl-C cancels its task, as in
 * Python. Use it from one thread.
 */
public final class Runner implements AutoCloseable {
    private enum State { CREATED, INITIALIZED, CLOSED }

    /** Debug mode for the loop, or {@code null} to leave the loop's default. */
    private final Boolean debug;

    private final Supplier<? extends EventLoop> loopFactory;

    private State state = State.CREATED;

    private EventLoop loop;

    /** The context each run's task runs in, asyncio's {@code Runner._context}: a copy of the creator's, made on first use. */
    private Context context;

    /** A runner on a new loop, in debug mode if the system property {@code jasyncio.debug} is {@code true}. */
    public Runner() {
        this(null, Asyncio::newEventLoop);
    }

    /** A runner on a new loop, in debug mode or not, asyncio's {@code Runner(debug=...)}. */
    public Runner(boolean debug) {
        this(debug, Asyncio::newEventLoop);
    }

    /** A runner on the loop that {@code loopFactory} makes, asyncio's {@code Runner(loop_factory=...)}. */
    public Runner(Supplier<? extends EventLoop> loopFactory) {
        this(null, loopFactory);
    }

    private Runner(Boolean debug, Supplier<? extends EventLoop> loopFactory) {
        if (loopFactory == null) {
            throw new NullPointerException("loopFactory");
        }
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code coroutine} in a new task on the runner's loop until it ends, and returns its result
     * or throws its exception as it was thrown. Fails at once if a loop is already running in this
     * thread, or if the runner is closed. Meanwhile Ctrl-C (SIGINT) cancels the task, and if the task
     * then ends with that cancellation, this throws {@link KeyboardInterrupt}; a second Ctrl-C exits
     * as it would have without the runner. As in asyncio, one runner at a time handles Ctrl-C.
     */
    public <T> T run(Coroutine<T> coroutine) {
        return run(coroutine, null);
    }

    /**
     * Like {@link #run(Coroutine)}, with the task running every step in {@code context} instead of
     * the runner's, asyncio's {@code runner.run(coro, context=context)}; {@code null} for the runner's.
     */
    public <T> T run(Coroutine<T> coroutine, Context context) {
        if (coroutine == null) {
            throw new NullPointerException("coroutine");
        }
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        EventLoop runnerLoop = getLoop();
        Task<T> task = runnerLoop.createTask(coroutine, null, context != null ? context : this.context);
        InterruptHandler interrupts = InterruptHandler.install(task);
        try {
            return runnerLoop.runUntilComplete(task);
        } catch (CancelledError cancelled) {
            if (interrupts != null && interrupts.interrupted() && task.uncancel() == 0) {
                throw new KeyboardInterrupt(cancelled);
            }
            throw cancelled;
        } finally {
            if (interrupts != null) {
                interrupts.uninstall();
            }
        }
    }

    /** The runner's loop, made now if this is the first use; {@link IllegalStateException} once closed. */
    public EventLoop getLoop() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.CREATED) {
            loop = loopFactory.get();
            if (debug != null) {
                loop.setDebug(debug);
            }
            context = Context.copyContext();
            state = State.INITIALIZED;
        }
        return loop;
    }

    /**
     * Shuts the loop down, if it was ever made: cancels the tasks left and waits for them, closes the
     * async generators left suspended, shuts the default executor down and waits for its jobs, then closes the loop. Idempotent.
     */
    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            return;
        }
        try {
            cancelAllTasks();
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    /** asyncio's {@code runners._cancel_all_tasks}. */
    private void cancelAllTasks() {
        Set<Task<?>> leftovers = loop.allTasks();
        if (leftovers.isEmpty()) {
            return;
        }
        CancelChain.cancelEvery(leftovers); // each task.cancel(), in time linear even in chains of awaits
        loop.runUntilComplete(Asyncio.<Object>gather(true, leftovers.toArray(new Awaitable<?>[0])));
        for (Task<?> task : leftovers) {
            if (task.cancelled() || task.exception() == null) {
                continue;
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("message", "unhandled exception during asyncio.run() shutdown");
            report.put("exception", task.exception());
            report.put("task", task);
            loop.callExceptionHandler(report);
        }
    }

    @Override
    public String toString() {
        return "Runner[" + state.name().toLowerCase(Locale.ROOT) + (loop != null ? " " + loop : "") + "]";
    }
}
