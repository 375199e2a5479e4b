// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * An event loop, asyncio's {@code BaseEventLoop}: a ready queue of callbacks, a queue of timers,
 * and {@link #runOnce()}, the only place where callbacks are actually called.
 *
 * <p>One iteration runs exactly the callbacks that were ready when it began, in FIFO order; anything
 * they schedule runs in the next iteration. Timers that came due are queued behind the callbacks
 * already ready. A loop belongs to the thread that runs it: every method except
 * {@link #callSoonThreadsafe} must be called from that thread.
 */
public class EventLoop {
    private static final ThreadLocal<EventLoop> RUNNING_LOOP = new ThreadLocal<>();
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** Above this many timers, more than half of them cancelled, the timer queue is rebuilt. */
    private static final int MIN_TIMERS_TO_COMPACT = 100;

    private final Clock clock;

    /** Callbacks to run, in FIFO order; an iteration runs those present when it begins. */
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();

    /** Timers ordered by deadline, then by scheduling order; may hold cancelled ones. */
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();

    /** How many handles in {@link #timers} are cancelled, to know when compacting pays. */
    private int cancelledTimers;

    /** Counts timers as they are scheduled, to order equal deadlines. */
    private long timerSequence;

    /** Callbacks from other threads, moved to {@link #ready} by the loop's thread. */
    private final ConcurrentLinkedQueue<Handle> threadsafeCallbacks = new ConcurrentLinkedQueue<>();

    /** The thread running the loop, {@code null} when it is not running. */
    private volatile Thread runningThread;

    /**
     * Whether the loop's thread is parked or about to park. Set before the loop checks for callbacks
     * from other threads and read by them after they queue one, so that either the loop sees the
     * callback or the other thread sees the flag and unparks it: no wake-up is lost.
     */
    private volatile boolean parked;

    private boolean stopping;
    private boolean closed;

    /** The task whose step is running, asyncio's {@code current_task()}. */
    private Task<?> currentTask;

    private ExceptionHandler exceptionHandler;

    /** A loop on the system clock. */
    public EventLoop() {
        this(Clock.system());
    }

    /** A loop on {@code clock}; tests pass a {@link FakeClock}. */
    public EventLoop(Clock clock) {
        this.clock = clock;
    }

    /** Handles an exception that a callback or task let escape, asyncio's exception handler. */
    @FunctionalInterface
    public interface ExceptionHandler {
        /** Handles the error described by {@code context} (keys as in asyncio: message, exception, ...). */
        void handle(EventLoop loop, Map<String, Object> context);
    }

    /** The loop running in the current thread; {@link IllegalStateException} if there is none. */
    public static EventLoop getRunningLoop() {
        EventLoop loop = RUNNING_LOOP.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /** The loop running in the current thread, or {@code null}. */
    static EventLoop runningLoopOrNull() {
        return RUNNING_LOOP.get();
    }

    // ---------------------------------------------------------------------------------------------
    // Time and scheduling

    /** The loop's time in seconds, on its clock; the scale of {@link #callAt}. */
    public double time() {
        return nanosToSeconds(clock.nanoTime());
    }

    /** Schedules {@code callback} to run in the next iteration, after those already scheduled. */
    public Handle callSoon(Runnable callback) {
        Handle handle = new Handle(requireCallback(callback));
        schedule(handle);
        return handle;
    }

    /**
     * Schedules {@code callback} from any thread, and wakes the loop if it is waiting: the only
     * scheduling method that is thread-safe.
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        checkClosed();
        Handle handle = new Handle(requireCallback(callback));
        threadsafeCallbacks.add(handle);
        if (parked) {
            LockSupport.unpark(runningThread);
        }
        return handle;
    }

    /** Schedules {@code callback} to run {@code delaySeconds} from now; a negative delay means now. */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return scheduleTimer(saturatedAdd(clock.nanoTime(), secondsToNanos(delaySeconds)), callback);
    }

    /** Schedules {@code callback} to run at loop time {@code whenSeconds} (see {@link #time()}). */
    public TimerHandle callAt(double whenSeconds, Runnable callback) {
        return scheduleTimer(secondsToNanos(whenSeconds), callback);
    }

    private TimerHandle scheduleTimer(long whenNanos, Runnable callback) {
        checkClosed();
        TimerHandle timer = new TimerHandle(this, whenNanos, timerSequence++, requireCallback(callback));
        timers.add(timer);
        return timer;
    }

    /** Appends a handle to the ready queue: {@code callSoon} without allocating a handle. */
    final void schedule(Handle handle) {
        checkClosed();
        ready.addLast(handle);
    }

    /** Told by a timer that was cancelled while still queued. */
    final void timerCancelled() {
        cancelledTimers++;
    }

    /** A new pending future bound to this loop, asyncio's {@code loop.create_future()}. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Wraps {@code coroutine} in a task whose first step runs in the next iteration. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Wraps {@code coroutine} in a task named {@code name} ({@code Task-N} if {@code null}). */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        checkClosed();
        return new Task<>(this, coroutine, name);
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    /** Runs iterations until {@link #stop()} is called. */
    public void runForever() {
        checkClosed();
        checkNotRunning();
        runningThread = Thread.currentThread();
        RUNNING_LOOP.set(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            runningThread = null;
            RUNNING_LOOP.remove();
        }
    }

    /**
     * Runs the loop until {@code awaitable} is done and returns its result, or throws its exception as
     * it was thrown. A coroutine is wrapped in a task first.
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkClosed();
        checkNotRunning();
        Future<T> future = ensureFuture(awaitable);
        java.util.function.Consumer<Future<T>> stopWhenDone = done -> stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /** Wraps a coroutine in a task of this loop; returns a future unchanged. */
    final <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            if (future.loop != this) {
                throw new IllegalArgumentException("The future belongs to a different loop than the one specified");
            }
            return future;
        }
        return createTask((Coroutine<T>) awaitable);
    }

    /** Makes {@link #runForever()} return after the current iteration; before it, it runs one. */
    public void stop() {
        stopping = true;
    }

    /** Whether the loop is running. */
    public boolean isRunning() {
        return runningThread != null;
    }

    /** Whether the loop was closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops every scheduled callback and timer; scheduling afterwards throws.
     * Idempotent; {@link IllegalStateException} if the loop is running.
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        timers.clear();
        threadsafeCallbacks.clear();
    }

    /**
     * One iteration, asyncio's {@code _run_once}: drop cancelled timers, wait for something to do
     * if nothing is ready, queue due timers behind the ready callbacks, then run exactly the callbacks
     * that are ready now.
     */
    protected void runOnce() {
        dropCancelledTimers();
        moveThreadsafeCallbacks();
        long timeoutNanos;
        if (!ready.isEmpty() || stopping) {
            timeoutNanos = 0;
        } else if (!timers.isEmpty()) {
            timeoutNanos = Math.max(0, saturatedAdd(timers.peek().whenNanos, -clock.nanoTime()));
        } else {
            timeoutNanos = -1;
        }
        if (timeoutNanos != 0) {
            waitForEvents(timeoutNanos);
            moveThreadsafeCallbacks();
        }
        long now = clock.nanoTime();
        while (!timers.isEmpty() && timers.peek().whenNanos <= now) {
            TimerHandle due = timers.poll();
            due.scheduled = false;
            if (due.cancelled()) {
                cancelledTimers--;
            } else {
                ready.addLast(due);
            }
        }
        for (int count = ready.size(); count > 0; count--) {
            Handle handle = ready.pollFirst();
            if (!handle.cancelled()) {
                runHandle(handle);
            }
        }
    }

    /**
     * Waits until {@code timeoutNanos} have passed ({@code -1}: without limit) or another thread
     * schedules a callback. The selector loop overrides this to wait for I/O as well.
     */
    protected void waitForEvents(long timeoutNanos) {
        if (clock.passTimeWithoutWaiting(timeoutNanos)) {
            return;
        }
        parked = true;
        try {
            if (!threadsafeCallbacks.isEmpty()) {
                return;
            }
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            parked = false;
        }
    }

    private void dropCancelledTimers() {
        if (timers.size() > MIN_TIMERS_TO_COMPACT && cancelledTimers * 2 > timers.size()) {
            timers.removeIf(timer -> {
                if (timer.cancelled()) {
                    timer.scheduled = false;
                    return true;
                }
                return false;
            });
            cancelledTimers = 0;
        } else {
            while (!timers.isEmpty() && timers.peek().cancelled()) {
                timers.poll().scheduled = false;
                cancelledTimers--;
            }
        }
    }

    private void moveThreadsafeCallbacks() {
        Handle handle;
        while ((handle = threadsafeCallbacks.poll()) != null) {
            ready.addLast(handle);
        }
    }

    private void runHandle(Handle handle) {
        try {
            handle.run();
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                throw fatal;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Exception in callback " + handle);
            context.put("exception", failure);
            context.put("handle", handle);
            callExceptionHandler(context);
        }
    }

    /** Makes {@code task} the current task for the length of its step. */
    final void enterTask(Task<?> task) {
        if (currentTask != null) {
            throw new IllegalStateException(
                    "Cannot enter into task " + task + " while another task " + currentTask + " is being executed.");
        }
        currentTask = task;
    }

    /** Ends the step of {@code task}. */
    final void leaveTask(Task<?> task) {
        currentTask = null;
    }

    /** The task whose step is running, or {@code null} in a plain callback. */
    public Task<?> currentTask() {
        return currentTask;
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    /** Sets the handler for errors nobody else receives; {@code null} restores the default. */
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    /** The handler set by {@link #setExceptionHandler}, or {@code null} for the default. */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Reports an error that no awaiter will see to the exception handler; if the handler itself
     * throws, the default handler reports both.
     */
    public void callExceptionHandler(Map<String, Object> context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            handler.handle(this, context);
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                throw fatal;
            }
            Map<String, Object> handlerError = new LinkedHashMap<>();
            handlerError.put("message", "Unhandled error in exception handler");
            handlerError.put("exception", failure);
            handlerError.put("context", context);
            defaultExceptionHandler(handlerError);
        }
    }

    /** Logs the error through {@link System.Logger} {@code io.jasyncio} at level ERROR. */
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (!entry.getKey().equals("message") && !entry.getKey().equals("exception")) {
                text.append('\n').append(entry.getKey()).append(": ").append(entry.getValue());
            }
        }
        Object exception = context.get("exception");
        if (exception instanceof Throwable failure) {
            LOGGER.log(Level.ERROR, text.toString(), failure);
        } else {
            LOGGER.log(Level.ERROR, text.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checks and conversions

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    private void checkNotRunning() {
        if (isRunning()) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (RUNNING_LOOP.get() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    private static Runnable requireCallback(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        return callback;
    }

    /** Seconds to nanoseconds, rounded up, saturating: an infinite delay is the largest one, never a wrapped one. */
    static long secondsToNanos(double seconds) {
        return (long) Math.ceil(seconds * 1e9);
    }

    /**
     * {@code a + b}, or the largest or smallest long where that overflows, so that a deadline as far
     * as {@code sleep(Double.POSITIVE_INFINITY)} stays in the future and never wraps into the past.
     */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    static double nanosToSeconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public String toString() {
        return "EventLoop[running=" + isRunning() + " closed=" + closed + " ready=" + ready.size()
                + " timers=" + timers.size() + "]";
    }
}
