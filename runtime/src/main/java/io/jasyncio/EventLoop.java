// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
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
 */
public class EventLoop {
    /** Whether loops start in debug mode: the system property {@code jasyncio.debug}, asyncio's {@code PYTHONASYNCIODEBUG}. */
    static final boolean DEBUG_BY_DEFAULT = Boolean.getBoolean("jasyncio.debug");

    private static final ThreadLocal<EventLoop> RUNNING_LOOP = new ThreadLocal<>();
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /**
     * Up to this many timers, the timer queue is rebuilt in the iteration after any of them is
     * cancelled; above, once more than half of them are.
     */
    private static final int MAX_TIMERS_TO_COMPACT_AT_ONCE = 1024;

    private final Clock clock;

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

    /** Callbacks from other threads, moved to {@link #ready} by the loop's thread. */
    private final ConcurrentLinkedQueue<Handle> threadsafeCallbacks = new ConcurrentLinkedQueue<>();

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
    private Task<?> currentTask;

    /**
     * The current context of the thread running the loop, while it runs: each handle runs with its
     * own context put there, and what the handle set is stored back in the handle.
     */
    private Context.Current threadContext;

    /** This loop's tasks that wait on futures, held weakly, for {@code allTasks()}. */
    private final TaskRegistry tasks = new TaskRegistry();

    /**
     * Where the garbage collector puts the weak watch of a task that waited on a future and was
     * collected before it ended, for asyncio's "Task was destroyed but it is pending!".
     */
    private final ReferenceQueue<Task<?>> destroyedTasks = new ReferenceQueue<>();

    /**
     * The tasks whose steps are interrupted by the eager first step of a task they create, innermost
     * first: running, so in no queue, yet pending, for {@code allTasks()}.
     */
    private final ArrayDeque<Task<?>> eagerCreators = new ArrayDeque<>();

    /** Numbers this loop's tasks in creation order. */
    private long taskCreationCount;

    /**
     * The failures of this loop's futures that nobody retrieved yet and that were not reported yet,
     * in the order they happened. Loop thread only.
     */
    final Set<NeverRetrievedReport> unretrievedReports = new LinkedHashSet<>();

    private ExceptionHandler exceptionHandler;

    private boolean debug = DEBUG_BY_DEFAULT;

    /** Debug mode warns about callbacks that run at least this long, in nanoseconds of the loop's clock. */
    private long slowCallbackNanos = secondsToNanos(0.1);

    /** Whether this running loop counts as one in debug mode for {@link NeverAwaitedReport}. */
    private boolean trackingCoroutineOrigins;

    /** Whether {@link #createTask} runs the first step at once, as 3.12's {@code eager_task_factory}. */
    private boolean eagerTasks;

    /** The executor of {@code runInExecutor(null, ...)}, created on first use. */
    private ExecutorService defaultExecutor;

    /** Whether the default executor was shut down; it cannot be used, or created, again. */
    private boolean executorShutdownCalled;

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

    /**
     * Schedules {@code callback} to run in the next iteration, after those already scheduled. It runs
     * in the context current now (see {@link ContextVar}).
     */
    public Handle callSoon(Runnable callback) {
        return callSoon(requireCallback(callback), captureContext());
    }

    /** Schedules {@code callback} to run in {@code context}: a done callback runs in the context of its registration. */
    final Handle callSoon(Runnable callback, Context context) {
        return callSoon(new Handle(callback, context));
    }

    /** Schedules a handle made by the runtime (a done callback), with {@code callSoon}'s checks. */
    final Handle callSoon(Handle handle) {
        checkThreadInDebugMode();
        schedule(handle);
        return handle;
    }

    /**
     * Schedules {@code callback} from any thread, and wakes the loop if it is waiting: the only
     * scheduling method that is thread-safe. It runs in the calling thread's current context.
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        checkClosed();
        Handle handle = new Handle(requireCallback(callback), Context.current());
        threadsafeCallbacks.add(handle);
        if (parked && PARKED.compareAndSet(this, true, false)) {
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
        checkThreadInDebugMode();
        TimerHandle timer = new TimerHandle(this, whenNanos, requireCallback(callback), captureContext());
        timer.sequence = timers.add(whenNanos, timer);
        return timer;
    }

    /**
     * Queues the wake-up of {@code task}, sleeping until {@code delayNanos} from now, and returns the
     * sequence number that identifies this sleep's entry (see {@link Task#sleepOnTimer}).
     */
    final long addSleepingTask(long delayNanos, Task<?> task) {
        return timers.add(saturatedAdd(clock.nanoTime(), delayNanos), task);
    }

    /** Appends a handle to the ready queue: {@code callSoon} without allocating a handle. */
    final void schedule(Handle handle) {
        checkClosed();
        ready.append(handle);
    }

    /**
     * Schedules the turn of a future that is its own ready entry: a task's next step, or one done
     * callback of a gather. Such futures need no handle each time.
     */
    final void scheduleTurn(Future<?> future) {
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
        return createTask(coroutine, name, captureContext());
    }

    /** Wraps {@code coroutine} in a task named {@code name} that runs in {@code context}. */
    final <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        checkClosed();
        checkThreadInDebugMode();
        Task<T> task = new Task<>(this, coroutine, name, context);
        if (eagerTasks && isRunning()) {
            runEagerly(task);
        } else {
            scheduleTurn(task);
        }
        return task;
    }

    /**
     * Runs the first step of a new task inside {@code createTask}, as 3.12's eager tasks do: the task
     * is the current task for the step, and the creator's task is current again afterwards.
     */
    private void runEagerly(Task<?> task) {
        Task<?> creator = currentTask;
        currentTask = null;
        if (creator != null) {
            eagerCreators.push(creator);
        }
        try {
            runReadyEntry(task);
        } finally {
            if (creator != null) {
                eagerCreators.pop();
            }
            currentTask = creator;
        }
    }

    /**
     * Makes {@link #createTask} run the first step of each new task at once, while the loop is
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

    /** The tasks of this loop that are not done, in creation order, asyncio's {@code all_tasks(loop)}. */
    final Set<Task<?>> allTasks() {
        return tasks.pending(found -> {
            found.accept(currentTask);
            eagerCreators.forEach(found);
            ready.forEachEntry(found);
            timers.forEachEntry(found);
        });
    }

    /** The creation number of a new task of this loop. */
    final long nextTaskCreationNumber() {
        return ++taskCreationCount;
    }

    /** Registers a task, which waits on a future for the first time, by its weak watch, for {@code allTasks()}. */
    final void watchWaitingTask(TaskExtras task) {
        tasks.watch(task);
    }

    /** The queue of the weak watches of tasks collected before they ended; see {@link TaskExtras}. */
    final ReferenceQueue<Task<?>> destroyedTasks() {
        return destroyedTasks;
    }

    /**
     * Reports each task that the collector found unreachable while it was still pending, as asyncio's
     * {@code Task.__del__} does, through the exception handler. The task itself is gone, so the
     * context's {@code task} is its description.
     */
    private void reportDestroyedPendingTasks() {
        Reference<? extends Task<?>> destroyed;
        while ((destroyed = destroyedTasks.poll()) != null) {
            if (!((TaskExtras) destroyed).reportIfDestroyed) {
                continue;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Task was destroyed but it is pending!");
            context.put("task", ((TaskExtras) destroyed).describeDestroyedTask());
            callExceptionHandler(context);
        }
    }

    /** The context that a handle scheduled now runs in: the current one of the loop's thread. */
    final Context captureContext() {
        Context.Current current = threadContext;
        return current != null ? current.context : Context.current();
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
        checkClosed();
        requireNonNull(job, "job");
        Executor target = executor != null ? executor : defaultExecutor();
        return CompletionStages.wrap(CompletableFuture.supplyAsync(() -> {
            try {
                return job.call();
            } catch (Exception failure) {
                throw new CompletionException(failure); // the wrapper that the bridge removes
            }
        }, target), this);
    }

    private Executor defaultExecutor() {
        if (executorShutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (defaultExecutor == null) {
            defaultExecutor = DefaultExecutor.create();
        }
        return defaultExecutor;
    }

    /** Replaces the executor of {@code runInExecutor(null, ...)}, asyncio's {@code set_default_executor}. */
    public void setDefaultExecutor(ExecutorService executor) {
        defaultExecutor = requireNonNull(executor, "executor");
    }

    /**
     * Shuts the default executor down and returns a future that is done once its jobs have ended,
     * asyncio's {@code shutdown_default_executor()}: the waiting is done by another thread, so the
     * loop runs on meanwhile. Afterwards {@code runInExecutor(null, ...)} fails.
     */
    public Future<Void> shutdownDefaultExecutor() {
        executorShutdownCalled = true;
        ExecutorService executor = defaultExecutor;
        if (executor == null) {
            Future<Void> nothingToWaitFor = createFuture();
            nothingToWaitFor.setResult(null);
            return nothingToWaitFor;
        }
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        Thread joiner = new Thread(() -> {
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.DAYS)) {
                    // asyncio 3.11 waits as long as it takes
                }
                terminated.complete(null);
            } catch (InterruptedException interrupted) {
                terminated.completeExceptionally(interrupted);
            }
        }, "asyncio-shutdown-default-executor");
        joiner.setDaemon(true);
        joiner.start();
        return CompletionStages.wrap(terminated, this);
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
        threadContext = Context.ofThisThread();
        trackCoroutineOrigins(debug);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            trackCoroutineOrigins(false);
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
    public boolean isRunning() {
        return runningThread != null;
    }

    /** Whether the loop was closed. */
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
        ready.clear();
        timers.clear();
        threadsafeCallbacks.clear();
        executorShutdownCalled = true;
        ExecutorService executor = defaultExecutor;
        if (executor != null) {
            defaultExecutor = null;
            executor.shutdown();
        }
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
            timeoutNanos = Math.max(0, saturatedAdd(timers.firstWhen(), -clock.nanoTime()));
        } else {
            timeoutNanos = -1;
        }
        waitForEvents(timeoutNanos); // asyncio's I/O poll: every iteration, with timeout 0 when callbacks are ready
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
                runAndTime(entry);
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
        Handle handle;
        while ((handle = threadsafeCallbacks.poll()) != null) {
            ready.append(handle);
        }
    }

    /**
     * Runs one ready entry, a handle or a future's turn (a task's step), in its context, asyncio's {@code Handle._run}:
     * what the callback throws goes to the exception handler, and the loop goes on.
     */
    private void runReadyEntry(Object entry) {
        Context.Current current = threadContext;
        Context outer = current.context;
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
            if (Throwables.isFatal(failure)) {
                throw (Error) failure;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Exception in callback " + describeCallback(entry));
            context.put("exception", failure);
            context.put("handle", entry);
            callExceptionHandler(context);
        }
    }

    /** What a ready entry runs, for messages: a handle's callback, or a future's turn. */
    private static String describeCallback(Object entry) {
        return entry instanceof Future<?> future ? future.describeTurn() : ((Handle) entry).describeCallback();
    }

    /** Runs one ready entry in debug mode: warns if it took {@link #getSlowCallbackDuration()} or longer. */
    private void runAndTime(Object entry) {
        long start = clock.nanoTime();
        runReadyEntry(entry);
        long took = clock.nanoTime() - start;
        if (took >= slowCallbackNanos) {
            LOGGER.log(Level.WARNING, String.format(Locale.ROOT, "Executing %s took %.3f seconds",
                    entry, nanosToSeconds(took)));
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
    // Debug mode

    /**
     * Turns debug mode on or off, asyncio's {@code set_debug}: the loop then warns about slow
     * callbacks and about coroutines created while it runs and never awaited, and scheduling calls
     * from another thread fail.
     */
    public void setDebug(boolean enabled) {
        debug = enabled;
        if (isRunning()) {
            trackCoroutineOrigins(enabled);
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
        slowCallbackNanos = secondsToNanos(seconds);
    }

    /** How long a callback may run before debug mode warns about it, in seconds. */
    public double getSlowCallbackDuration() {
        return nanosToSeconds(slowCallbackNanos);
    }

    /** Counts this running loop among those in debug mode, or stops counting it. */
    private void trackCoroutineOrigins(boolean enabled) {
        if (enabled && !trackingCoroutineOrigins) {
            NeverAwaitedReport.debugLoopStarted();
        } else if (!enabled && trackingCoroutineOrigins) {
            NeverAwaitedReport.debugLoopStopped();
        }
        trackingCoroutineOrigins = enabled;
    }

    /** Debug mode's check, asyncio's {@code _check_thread}: a running loop is scheduled on from its own thread only. */
    /** In debug mode, fails unless called from the loop's thread (or while the loop is not running). */
    final void checkThreadInDebugMode() {
        if (debug) {
            checkThread();
        }
    }

    private void checkThread() {
        Thread owner = runningThread;
        if (owner != null && owner != Thread.currentThread()) {
            throw new IllegalStateException(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
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
     * Reports an error that no awaiter will see to the exception handler, asyncio's
     * {@code call_exception_handler}; if the handler itself throws, the default handler reports both.
     */
    public void callExceptionHandler(Map<String, Object> context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable failure) {
                if (Throwables.isFatal(failure)) {
                    throw (Error) failure;
                }
                LOGGER.log(Level.ERROR, "Exception in default exception handler", failure);
            }
            return;
        }
        try {
            handler.handle(this, context);
        } catch (Throwable failure) {
            if (Throwables.isFatal(failure)) {
                throw (Error) failure;
            }
            Map<String, Object> handlerError = new LinkedHashMap<>();
            handlerError.put("message", "Unhandled error in exception handler");
            handlerError.put("exception", failure);
            handlerError.put("context", context);
            try {
                defaultExceptionHandler(handlerError);
            } catch (Throwable defaultFailure) {
                if (Throwables.isFatal(defaultFailure)) {
                    throw (Error) defaultFailure;
                }
                LOGGER.log(Level.ERROR, "Exception in default exception handler while handling an unexpected error"
                        + " in custom exception handler", defaultFailure);
            }
        }
    }

    /**
     * Logs the error through {@link System.Logger} {@code io.jasyncio} at level ERROR, as asyncio's
     * {@code default_exception_handler} does: the message, then one {@code key: value} line for each
     * other key but {@code exception}, in key order, with the exception's stack trace. Safe to call
     * from any thread.
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        LOGGER.log(Level.ERROR, describeError(context), context.get("exception") instanceof Throwable failure ? failure : null);
    }

    /** The text that {@link #defaultExceptionHandler} logs above the stack trace. */
    static String describeError(Map<String, Object> context) {
        Object message = context.get("message");
        StringBuilder text = new StringBuilder(message != null ? message.toString() : "Unhandled exception in event loop");
        for (Map.Entry<String, Object> entry : new TreeMap<>(context).entrySet()) {
            if (!entry.getKey().equals("message") && !entry.getKey().equals("exception")) {
                text.append('\n').append(entry.getKey()).append(": ").append(entry.getValue());
            }
        }
        return text.toString();
    }

    /** The failures of this loop's futures that nobody retrieved yet, as the exception handler would receive them. */
    final List<Map<String, Object>> unretrievedExceptions() {
        return unretrievedReports.stream().map(NeverRetrievedReport::context).toList();
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
        return requireNonNull(callback, "callback");
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        return value;
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
