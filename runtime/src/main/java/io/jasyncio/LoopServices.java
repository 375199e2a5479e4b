// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The public face of what an {@link EventLoop} offers beside running callbacks: scheduling in a
 * given {@link Context}, its exception handler, debug mode, executors and task factory setting, each kept by a helper of its own
 * ({@link ExceptionHandling}, {@link DebugMode}, {@link LoopExecutors}). The loop proper is its
 * subclass, {@link EventLoop}; these methods are part of its API and documented there.
 *
 * <p>A superclass rather than fields of the loop so that {@code EventLoop.java} holds the loop alone,
 * and so that the flags that every {@code callSoon} and {@code createTask} read stay fields of the
 * loop object itself: no extra indirection on the hot path.
 */
abstract class LoopServices {
    /** Whether the loop is in debug mode; read by every scheduling call, so a field of the loop itself. */
    boolean debug = DebugMode.BY_DEFAULT;

    /** Whether {@code createTask} runs the first step at once, as 3.12's {@code eager_task_factory}. */
    boolean eagerTasks;

    /**
     * Counts the halves of the loop's iterations: odd while it waits for events, even while it runs
     * callbacks. A plain field, which the slow-callback watchdog reads from its own thread (see
     * {@link LoopActivity}); the loop does nothing else for it.
     */
    int phase;

    /** Where the errors that no awaiter will see go. */
    final ExceptionHandling errors;

    /** Slow-callback warnings and the tracking of coroutines never awaited. */
    final DebugMode debugMode;

    /** {@code runInExecutor} and the default executor. */
    final LoopExecutors executors;

    /** The async generators this loop tracks, made on first use: most loops run none. */
    private AsyncGeneratorHooks asyncGeneratorHooks;

    LoopServices(Clock clock) {
        EventLoop loop = (EventLoop) this;
        errors = new ExceptionHandling(loop);
        debugMode = new DebugMode(loop, clock);
        executors = new LoopExecutors(loop);
    }

    /** Whether the loop is running. */
    public abstract boolean isRunning();

    /** Whether the loop was closed. */
    public abstract boolean isClosed();

    // ---------------------------------------------------------------------------------------------
    // Scheduling in a given context: the loop's own scheduling, with the callback bound to it

    /**
     * Schedules {@code callback} to run in {@code context} (in a copy of the current one if
     * {@code null}), asyncio's {@code call_soon(callback, context=context)}: what it sets stays there.
     */
    public Handle callSoon(Runnable callback, Context context) {
        return loop().callSoon(Context.bind(context, callback));
    }

    /** {@code callSoonThreadsafe} with {@code callback} running in {@code context}, asyncio's {@code call_soon_threadsafe(..., context=)}. */
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        return loop().callSoonThreadsafe(Context.bind(context, callback));
    }

    /** {@code callLater} with {@code callback} running in {@code context}, asyncio's {@code call_later(..., context=)}. */
    public TimerHandle callLater(double delaySeconds, Runnable callback, Context context) {
        return loop().callLater(delaySeconds, Context.bind(context, callback));
    }

    /** {@code callAt} with {@code callback} running in {@code context}, asyncio's {@code call_at(..., context=)}. */
    public TimerHandle callAt(double whenSeconds, Runnable callback, Context context) {
        return loop().callAt(whenSeconds, Context.bind(context, callback));
    }

    private EventLoop loop() {
        return (EventLoop) this;
    }

    // ---------------------------------------------------------------------------------------------
    // Debug mode

    /**
     * Turns debug mode on or off, asyncio's {@code set_debug}: the loop then warns about slow
     * callbacks and about coroutines created while it runs and never awaited, and scheduling calls
     * from another thread fail.
     */
    public void setDebug(boolean enabled) {
        debug = enabled;
        if (isRunning()) {
            debugMode.trackCoroutineOrigins(enabled);
        }
    }

    /** Whether the loop is in debug mode, asyncio's {@code get_debug}. */
    public boolean getDebug() {
        return debug;
    }

    /**
     * Sets how long a callback or task step may run before debug mode warns about it, in seconds,
     * asyncio's {@code slow_callback_duration} (0.1 s by default).
     */
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds < 0: " + seconds);
        }
        debugMode.slowCallbackNanos = LoopTime.secondsToNanos(seconds);
    }

    /** How long a callback may run before debug mode warns about it, in seconds. */
    public double getSlowCallbackDuration() {
        return LoopTime.nanosToSeconds(debugMode.slowCallbackNanos);
    }

    // ---------------------------------------------------------------------------------------------
    // Task factory

    /**
     * Makes {@code createTask} run the first step of each new task at once, while the loop is
     * running, instead of scheduling it: asyncio 3.12's {@code loop.set_task_factory(eager_task_factory)}.
     * Code before the task's first suspension then runs before {@code createTask} returns, and a
     * coroutine that never suspends gives a task that is already done. Off by default, as in 3.11.
     */
    public void setEagerTasks(boolean eager) {
        eagerTasks = eager;
    }

    /** Whether new tasks start eagerly; see {@link #setEagerTasks}. */
    public boolean getEagerTasks() {
        return eagerTasks;
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    /** Sets the handler for errors nobody else receives; {@code null} restores the default. */
    public void setExceptionHandler(EventLoop.ExceptionHandler handler) {
        errors.handler = handler;
    }

    /** The handler set by {@link #setExceptionHandler}, or {@code null} for the default. */
    public EventLoop.ExceptionHandler getExceptionHandler() {
        return errors.handler;
    }

    /**
     * Reports an error that no awaiter will see to the exception handler, asyncio's
     * {@code call_exception_handler}; if the handler itself throws, the default handler reports both.
     */
    public void callExceptionHandler(Map<String, Object> context) {
        errors.call(context);
    }

    /**
     * Logs the error through {@link System.Logger} {@code io.jasyncio} at level ERROR, as asyncio's
     * {@code default_exception_handler} does: the message, then one {@code key: value} line for each
     * other key but {@code exception}, in key order, with the exception's stack trace. Safe to call
     * from any thread.
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        ExceptionHandling.logDefault(context);
    }

    /** The failures of this loop's futures that nobody retrieved yet, as the exception handler would receive them. */
    final List<Map<String, Object>> unretrievedExceptions() {
        return errors.unretrievedExceptions();
    }

    // ---------------------------------------------------------------------------------------------
    // Threads

    /**
     * Runs {@code job} in {@code executor}, or in the loop's default executor if it is {@code null},
     * and returns a future of this loop for its outcome, asyncio's {@code run_in_executor}. The
     * future is completed on the loop's thread; the job's exception is its exception, as thrown.
     * Cancelling the future cancels the job in the next iteration: a job that has not started never
     * runs, one that has runs on and its outcome is dropped. The default executor has at most
     * {@code min(32, cpus + 4)} daemon threads named {@code asyncio-N}, created on first use.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> job) {
        if (isClosed()) {
            throw new IllegalStateException("Event loop is closed");
        }
        if (job == null) {
            throw new NullPointerException("job");
        }
        return executors.run(executor, job);
    }

    /** Replaces the executor of {@code runInExecutor(null, ...)}, asyncio's {@code set_default_executor}. */
    public void setDefaultExecutor(ExecutorService executor) {
        if (executor == null) {
            throw new NullPointerException("executor");
        }
        executors.setDefault(executor);
    }

    /**
     * Shuts the default executor down and returns a future that is done once its jobs have ended,
     * asyncio's {@code shutdown_default_executor()}: the waiting is done by another thread, so the
     * loop runs on meanwhile. Afterwards {@code runInExecutor(null, ...)} fails.
     */
    public Future<Void> shutdownDefaultExecutor() {
        return executors.shutdownDefault();
    }

    // ---------------------------------------------------------------------------------------------
    // Async generators

    /**
     * A coroutine that closes every async generator of this loop still alive, asyncio's
     * {@code shutdown_asyncgens()}: those whose first step was asked for while the loop ran, all at
     * once, each as {@code aclose()} does, reporting an exception of a close to the exception handler
     * ("an error occurred during closing of asynchronous generator ..."). {@code run()} and
     * {@link Runner#close()} await it after cancelling the tasks left.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return asyncGeneratorHooks().shutdown();
    }

    /** The loop's async generator hooks, made on first use. */
    final AsyncGeneratorHooks asyncGeneratorHooks() {
        if (asyncGeneratorHooks == null) {
            asyncGeneratorHooks = new AsyncGeneratorHooks((EventLoop) this);
        }
        return asyncGeneratorHooks;
    }
}
