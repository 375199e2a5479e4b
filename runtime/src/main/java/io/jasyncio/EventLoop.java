// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * An event loop, asyncio's {@code BaseEventLoop}: a ready queue of callbacks, a queue of timers,
 * and {@link #runOnce()}, the only place where callbacks are actually called.
 *
 * <p>One iteration runs exactly the callbacks that were ready when it began, in FIFO order; anything
 * they schedule runs in the next iteration. Timers that came due are queued behind the callbacks
 * already ready. A loop belongs to the thread that runs it: every method except
 * {@link #callSoonThreadsafe} must be called from that thread.
 *
 * <p>In debug mode ({@link #setDebug}, {@code run(main, true)}, or the system property
 * {@code jasyncio.debug=true}) the loop warns through {@link System.Logger} {@code io.jasyncio} about
 * callbacks slower than {@link #getSlowCallbackDuration()} and about coroutines never awaited, and
 * refuses scheduling calls from other threads.
 *
 * <p>This class is the loop proper. What it delegates sits beside it, one concern a file, as asyncio's
 * {@code base_events} leans on its helpers: exception handling ({@link ExceptionHandling}), debug
 * mode ({@link DebugMode}), executors ({@link LoopExecutors}) and task bookkeeping
 * ({@link TaskRegistry}); their public methods come from {@link LoopServices}.
 */
public class EventLoop extends LoopServices {
    private static final ThreadLocal<EventLoop> RUNNING_LOOP = new ThreadLocal<>();

    /**
     * Up to this many timers, the timer queue is rebuilt in the iteration after any of them is
     * cancelled; above, once more than half of them are.
     */
    private static final int MAX_TIMERS_TO_COMPACT_AT_ONCE = 1024;

    /** The loop's time; package-private so that bridges to other threads can tell a {@link FakeClock} they wait. */
    final Clock clock;

    /**
     * Callbacks to run, in FIFO order; an iteration runs those present when it begins. An entry is a
     * {@link Handle}, a {@link Task} (its next step) or a {@link Gather} (one of its done callbacks):
     * tasks and gathers are their own entries, so that they need no handle each time.
     */
    private final ReadyQueue ready = new ReadyQueue();

    /** Timer handles and sleeping tasks, ordered by deadline, then by scheduling order; may hold cancelled ones. */
    private final TimerQueue timers = new TimerQueue();

    /** How many entries in {@link #timers} are cancelled, to know when compacting pays. */
    private int cancelledTimers;

    /** Callbacks from other threads, moved to {@link #ready} by the loop's thread, a bounded batch per iteration. */
    private final ThreadsafeCallbacks threadsafeCallbacks = new ThreadsafeCallbacks();

    /** The thread running the loop, {@code null} when it is not running. */
    private volatile Thread runningThread;

    /**
     * Whether the loop's thread is parked or about to park. Set before the loop checks for callbacks
     * from other threads and read by them after they queue one, so that either the loop sees the
     * callback or the other thread sees the flag and unparks it: no wake-up is lost. The thread that
     * unparks clears the flag first, with a compare-and-set, so a burst of callbacks from many threads
     * costs one unpark, and a stale permit can cost at most one extra iteration, never a spin.
     */
    private volatile boolean parked;

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(EventLoop.class, "parked", boolean.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private boolean stopping;

    /** Volatile: the cleaner's thread reads it before reporting a failure nobody retrieved. */
    private volatile boolean closed;

    /** The task whose step is running, asyncio's {@code current_task()}. */
    Task<?> currentTask;

    /**
     * The current context of the thread running the loop, while it runs: each handle runs with its
     * own context put there, and what the handle set is stored back in the handle.
     */
    CurrentContext threadContext;

    /** The bookkeeping of this loop's tasks: creation numbers, eager first steps, {@code allTasks()}. */
    final TaskRegistry tasks = new TaskRegistry(this);

    /** The registry's queue of tasks collected while pending, polled by every iteration. */
    private final ReferenceQueue<Task<?>> destroyedTasks = tasks.destroyedTasks;

    /** A loop on the system clock. */
    public EventLoop() {
        this(Clock.system());
    }

    /** A loop on {@code clock}; tests pass a {@link FakeClock}. */
    public EventLoop(Clock clock) {
        super(clock);
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
        return LoopTime.nanosToSeconds(clock.nanoTime());
    }

    /** Passes each entry of the ready queue, in order, to {@code action}, for {@link LoopDiagnostics}. */
    final void forEachReadyEntry(java.util.function.Consumer<Object> action) {
        ready.forEachEntry(action);
    }

    /** The deadline of the first entry of the timer queue in nanoseconds of the clock (it may be cancelled), or {@link Long#MAX_VALUE}. */
    final long firstTimerNanos() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.firstWhen();
    }

    /**
     * Schedules {@code callback} to run in the next iteration, after those already scheduled. It runs
     * in the context current now (see {@link ContextVar}).
     */
    public Handle callSoon(Runnable callback) {
        return callSoon(new Handle(Objects.requireNonNull(callback, "callback"), captureContext()));
    }

    /** Schedules a handle made by the runtime (a done callback), with {@code callSoon}'s checks. */
    final Handle callSoon(Handle handle) {
        checkThreadInDebugMode();
        schedule(handle);
        return handle;
    }

    /**
     * Schedules {@code callback} from any thread, and wakes the loop if it is waiting: the only
     * scheduling method that is thread-safe. It runs in the calling thread's current context. Never
     * blocks: callbacks that other threads add faster than the loop runs them pile up in memory (see
     * {@link ThreadsafeCallbacks}); a {@link ThreadsafeSubmitter} bounds them.
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(new Handle(Objects.requireNonNull(callback, "callback"), CurrentContext.map()));
    }

    /** Schedules a handle from any thread: {@link #callSoonThreadsafe(Runnable)} with a handle made by the runtime. */
    Handle callSoonThreadsafe(@org.jetbrains.annotations.Async.Schedule Handle handle) {
        checkClosed();
        threadsafeCallbacks.add(handle);
        if (closed) { // closed since the check: nobody else would tell the handle, whose loop dropped what it held
            threadsafeCallbacks.dropAll();
        } else if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(runningThread);
        }
        return handle;
    }

    /** Schedules {@code callback} to run {@code delaySeconds} from now; a negative delay means now. */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return scheduleTimer(LoopTime.saturatedAdd(clock.nanoTime(), LoopTime.secondsToNanos(delaySeconds)), callback);
    }

    /** Schedules {@code callback} to run at loop time {@code whenSeconds} (see {@link #time()}). */
    public TimerHandle callAt(double whenSeconds, Runnable callback) {
        return scheduleTimer(LoopTime.secondsToNanos(whenSeconds), callback);
    }

    private TimerHandle scheduleTimer(long whenNanos, Runnable callback) {
        checkClosed();
        checkThreadInDebugMode();
        TimerHandle timer = new TimerHandle(this, whenNanos, Objects.requireNonNull(callback, "callback"), captureContext());
        timer.sequence = timers.add(whenNanos, timer);
        return timer;
    }

    /**
     * Queues the wake-up of {@code task}, sleeping until {@code delayNanos} from now, and returns the
     * sequence number that identifies this sleep's entry (see {@link Task#sleepOnTimer}).
     */
    final long addSleepingTask(long delayNanos, Task<?> task) {
        return timers.add(LoopTime.saturatedAdd(clock.nanoTime(), delayNanos), task);
    }

    /** Appends a handle to the ready queue: {@code callSoon} without allocating a handle. */
    final void schedule(@org.jetbrains.annotations.Async.Schedule Handle handle) {
        checkClosed();
        ready.append(handle);
    }

    /**
     * Schedules the turn of a future that is its own ready entry: a task's next step, or one done
     * callback of a gather. Such futures need no handle each time.
     */
    final void scheduleTurn(@org.jetbrains.annotations.Async.Schedule Future<?> future) {
        checkClosed();
        ready.append(future);
    }

    /** Told by a timer that was cancelled while still queued. */
    final void timerCancelled() {
        cancelledTimers++;
    }

    /** A new pending future bound to this loop, asyncio's {@code loop.create_future()}. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps {@code coroutine} in a task whose first step runs in the next iteration, or at once with
     * {@link #setEagerTasks eager tasks}. The task runs in a copy of the current context.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Wraps {@code coroutine} in a task named {@code name} ({@code Task-N} if {@code null}). */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    /**
     * Wraps {@code coroutine} in a task named {@code name} that runs every step in {@code context} (in a copy of the
     * current one if {@code null}), asyncio's {@code create_task(coro, name=name, context=context)}.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        checkClosed();
        checkThreadInDebugMode();
        Task<T> task = new Task<>(this, coroutine, name, context);
        if (eagerTasks && isRunning()) {
            tasks.runEagerly(task);
        } else {
            scheduleTurn(task);
        }
        return task;
    }

    /** The tasks of this loop that are not done, in creation order, asyncio's {@code all_tasks(loop)}. */
    final Set<Task<?>> allTasks() {
        return tasks.pending(found -> {
            found.accept(currentTask);
            ready.forEachEntry(found);
            timers.forEachEntry(found);
        });
    }

    /** Reports the tasks that the collector found unreachable while still pending; see {@link TaskRegistry#reportDestroyed}. */
    private void reportDestroyedPendingTasks() {
        Reference<? extends Task<?>> destroyed = destroyedTasks.poll();
        if (destroyed != null) {
            TaskRegistry.reportDestroyed(destroyed, destroyedTasks, this);
        }
    }

    /** The context that a handle scheduled now runs in: the current one of the loop's thread. */
    final ContextMap captureContext() {
        CurrentContext current = threadContext;
        return current != null ? current.context : CurrentContext.map();
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    /** Runs iterations until {@link #stop()} is called. */
    public void runForever() {
        checkClosed();
        checkNotRunning();
        runningThread = Thread.currentThread();
        RUNNING_LOOP.set(this);
        LiveLoops.register(this); // for ps and pstree from outside the JVM
        threadContext = CurrentContext.ofThisThread();
        debugMode.trackCoroutineOrigins(debug);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            debugMode.trackCoroutineOrigins(false);
            stopping = false;
            threadContext = null;
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

    /** The thread running the loop, or {@code null}; any thread may ask. */
    Thread runningThread() {
        return runningThread;
    }

    /** Whether the loop is running. */
    @Override
    public boolean isRunning() {
        return runningThread != null;
    }

    /** Whether the loop was closed. */
    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops every scheduled callback and timer, and shuts the default executor down
     * without waiting for its jobs; scheduling afterwards throws. Idempotent;
     * {@link IllegalStateException} if the loop is running.
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        ready.dropAll();
        timers.clear();
        threadsafeCallbacks.dropAll();
        executors.close();
    }

    /**
     * One iteration, asyncio's {@code _run_once}: drop cancelled timers, wait for something to do
     * if nothing is ready, queue due timers behind the ready callbacks, then run exactly the callbacks
     * that are ready now.
     */
    protected void runOnce() {
        reportDestroyedPendingTasks();
        dropCancelledTimers();
        moveThreadsafeCallbacks();
        long timeoutNanos;
        if (!ready.isEmpty() || stopping) {
            timeoutNanos = 0;
        } else if (!timers.isEmpty()) {
            timeoutNanos = Math.max(0, LoopTime.saturatedAdd(timers.firstWhen(), -clock.nanoTime()));
        } else {
            timeoutNanos = -1;
        }
        phase++; // odd while waiting, for the slow-callback watchdog
        waitForEvents(timeoutNanos); // asyncio's I/O poll: every iteration, with timeout 0 when callbacks are ready
        phase++;
        if (timeoutNanos != 0) {
            moveThreadsafeCallbacks();
        }
        // The clock is read only when a timer could be due: a read costs as much as half a task switch.
        long now = timers.isEmpty() ? 0 : clock.nanoTime();
        while (!timers.isEmpty() && timers.firstWhen() <= now) {
            long sequence = timers.firstSequence();
            Object due = timers.removeFirst();
            if (isStaleTimer(due, sequence)) {
                cancelledTimers--;
            } else if (due instanceof TimerHandle handle) {
                handle.scheduled = false;
                ready.append(handle);
            } else {
                ((Task<?>) due).timerDue();
            }
        }
        boolean timed = debug;
        for (int count = ready.size(); count > 0; count--) {
            Object entry = ready.removeFirst();
            if (entry instanceof Handle handle && handle.cancelled()) {
                continue;
            }
            if (timed) {
                debugMode.runAndTime(entry);
            } else {
                runReadyEntry(entry);
            }
        }
    }

    /**
     * Step 3 of each iteration, asyncio's {@code selector.select(timeout)}: waits until
     * {@code timeoutNanos} have passed ({@code -1}: without limit, {@code 0}: not at all) or another
     * thread schedules a callback. Called in every iteration, with {@code 0} when callbacks are ready.
     * The selector loop overrides it to poll for I/O as well and queues the ready I/O callbacks with
     * {@link #schedule}, behind those already ready; this loop has no I/O, so {@code 0} returns at once.
     */
    protected void waitForEvents(long timeoutNanos) {
        if (timeoutNanos == 0) {
            return;
        }
        if (clock.passTimeWithoutWaiting(timeoutNanos, false)) {
            return;
        }
        long waitStart = System.nanoTime();
        parked = true;
        try {
            if (threadsafeCallbacks.isEmpty()) {
                if (timeoutNanos < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, timeoutNanos);
                }
            }
        } finally {
            parked = false;
        }
        clock.waitedInRealTime(System.nanoTime() - waitStart, timeoutNanos);
    }

    private void dropCancelledTimers() {
        // A cancelled sleep's entry is its task, which it would keep alive until the entry's deadline:
        // a short queue is compacted as soon as it holds one, a long one when half of it is stale.
        boolean shortQueue = timers.size() <= MAX_TIMERS_TO_COMPACT_AT_ONCE;
        if (cancelledTimers > 0 && (shortQueue || cancelledTimers * 2 > timers.size())) {
            timers.removeStale(EventLoop::isStaleTimer);
            cancelledTimers = 0;
        } else {
            while (!timers.isEmpty() && isStaleTimer(timers.firstEntry(), timers.firstSequence())) {
                timers.removeFirst();
                cancelledTimers--;
            }
        }
    }

    /**
     * Whether a timer entry was cancelled, so that it is dropped instead of run: a cancelled handle, or
     * the entry of a sleep that its task no longer sleeps (it was cancelled). A handle that is dropped
     * learns that it left the queue.
     */
    private static boolean isStaleTimer(Object entry, long sequence) {
        if (entry instanceof TimerHandle handle) {
            if (handle.cancelled()) {
                handle.scheduled = false;
                return true;
            }
            return false;
        }
        return !((Task<?>) entry).isSleepingOn(sequence);
    }

    private void moveThreadsafeCallbacks() {
        threadsafeCallbacks.moveTo(ready); // a bounded batch: a flood from other threads cannot stall timers and I/O
    }

    /**
     * Runs one ready entry, a handle or a future's turn (a task's step), in its context, asyncio's {@code Handle._run}:
     * what the callback throws goes to the exception handler, and the loop goes on.
     */
    final void runReadyEntry(@org.jetbrains.annotations.Async.Execute Object entry) {
        CurrentContext current = threadContext;
        ContextMap outer = current.context;
        Object outerOwner = current.owner;
        Throwable failure = null;
        if (entry instanceof Future<?> future) {
            try {
                future.runTurn(current);
            } catch (Throwable thrown) {
                failure = thrown;
            }
        } else {
            Handle handle = (Handle) entry;
            current.owner = handle;
            current.context = handle.context;
            try {
                handle.run();
            } catch (Throwable thrown) {
                failure = thrown;
            }
            handle.context = current.context;
        }
        current.context = outer;
        current.owner = outerOwner;
        if (failure != null) {
            errors.callbackFailed(entry, failure);
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

    /**
     * Debug mode's check, asyncio's {@code _check_thread}: in debug mode, fails unless called from the
     * loop's thread (or while the loop is not running).
     */
    final void checkThreadInDebugMode() {
        if (debug) {
            Thread owner = runningThread;
            if (owner != null && owner != Thread.currentThread()) {
                throw new IllegalStateException(
                        "Non-thread-safe operation invoked on an event loop other than the current one");
            }
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

    @Override
    public String toString() {
        return "EventLoop[running=" + isRunning() + " closed=" + closed + " ready=" + ready.size()
                + " timers=" + timers.size() + "]";
    }
}
