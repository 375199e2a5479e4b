// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine wrapped in a future, asyncio's {@code Task}: the unit the loop schedules.
 *
 * <p>Creating a task schedules its first step with {@code callSoon}; nothing of the coroutine runs
 * before that. Each step resumes the innermost suspended coroutine of the task's chain of awaits
 * directly, so resuming costs the same at any depth. When the coroutine returns or throws, the task
 * finishes with that outcome, and a {@link CancelledError} that escapes the coroutine cancels it.
 *
 * <p>Invariant, as in CPython: either {@link #waiter} is {@code null} and a step is scheduled, or
 * {@link #waiter} is a pending future that will wake this task and no step is scheduled.
 *
 * @param <T> the type of the coroutine's result
 */
public class Task<T> extends Future<T> {
    private static final AtomicLong NAME_COUNTER = new AtomicLong();

    /** {@link #timerSequence} when the task is not sleeping on a timer. */
    private static final long NOT_SLEEPING = 0;

    /** {@link #timerSequence} once the timer came due: the step in the ready queue is the wake-up. */
    private static final long TIMER_FIRED = -1;

    /** {@link #timerSequence} when cancelled after its timer came due: the queued wake-up does nothing, the cancel's step runs. */
    private static final long WAKE_UP_DROPPED = -2;

    /** {@link #flags}: the next step must throw {@link CancelledError} into the coroutine, asyncio's {@code _must_cancel}. */
    private static final int MUST_CANCEL = 1;

    /** {@link #flags}: {@link #resumeOutcome} is an exception to throw at the await being resumed. */
    private static final int RESUME_THROWS = 1 << 1;

    /** {@link #flags}: the exception to throw came from the coroutine the resumed one awaits: the awaiter's frames join its trace. */
    private static final int EXCEPTION_FROM_CALLEE = 1 << 2;

    /** {@link #flags}: the first step has run, so the task's coroutine has started. */
    private static final int STARTED = 1 << 3;

    /** {@link #flags}: the task is on the path of the cancellation being passed down; see {@link CancelChain}. */
    private static final int ON_CANCEL_PATH = 1 << 4;

    /** {@link #flags}: the coroutines on the Java stack returned so that the step starts {@link #frame}. */
    private static final int START_FRAME = 1 << 5;

    private final Coroutine<T> coroutine;

    /**
     * An unnamed task's number, taken at creation as asyncio's {@code _task_name_counter}; a named
     * task's is the last one taken before it. With {@link #namedTaskNumber()} it orders a loop's tasks by creation.
     */
    final long number;

    /**
     * Where the task is in a {@code sleep(d > 0)}: the timer queue's sequence number of its entry
     * while it sleeps, {@link #TIMER_FIRED} or {@link #WAKE_UP_DROPPED} between its deadline and the
     * step after it, {@link #NOT_SLEEPING} otherwise. Sleeping this way needs no future: the task is
     * the timer entry, and its step plays the part of the timer's callback.
     */
    private long timerSequence;

    /** The coroutine that the next step resumes: the innermost one of the chain of awaits. */
    private Coroutine<?> frame;

    /** The future this task is suspended on, asyncio's {@code _fut_waiter}. */
    private Future<?> waiter;

    /** Yes-or-no facts about the task, one bit each, so that they take one byte of every task. */
    private byte flags;

    /** Cancellation requests and the loop's weak watch, made on first use: most tasks need neither. */
    private TaskExtras extras;

    /**
     * What the next step delivers to the await being resumed: the value it returns, or, if
     * {@link #RESUME_THROWS}, the exception it throws. One field for both keeps a task small.
     */
    private Object resumeOutcome;

    /** A task running in {@code given}, or in a copy of the current context; {@link EventLoop#createTask} schedules it. */
    Task(EventLoop loop, Coroutine<T> coroutine, String name, Context given) {
        super(loop);
        coroutine.claim(this, null);
        this.coroutine = coroutine;
        this.frame = coroutine;
        this.number = name == null ? NAME_COUNTER.incrementAndGet() : NAME_COUNTER.get();
        if (name != null) { // ordered after the unnamed tasks made before it, and the named ones
            extras().givenName = name;
            extras.namedTaskNumber = loop.tasks.nextNamedTaskNumber();
        }
        if (given != null) {
            extras().givenContext = given;
        } else {
            setContext(loop.captureContext());
        }
    }

    /** After {@link #number}, what orders a named task among its loop's tasks; 0 for an unnamed one. */
    long namedTaskNumber() {
        return extras == null ? 0 : extras.namedTaskNumber;
    }

    /** The task's name, {@code Task-N} unless one was given. */
    public String getName() {
        return extras != null && extras.givenName != null ? extras.givenName : "Task-" + number;
    }

    /** Renames the task. */
    public void setName(String name) {
        extras().givenName = String.valueOf(name); // as Python's set_name takes str(value)
    }

    /** The coroutine this task drives. */
    public Coroutine<T> getCoro() {
        return coroutine;
    }

    /**
     * How many cancellation requests are pending, asyncio's {@code cancelling()}: each
     * {@link #cancel(String)} of a task not done adds one, {@link #uncancel()} takes one away. Nothing
     * else reads it but {@code timeout} and {@code TaskGroup}, which tell their own cancellations from
     * others' by it; a task that swallows a {@link CancelledError} keeps its count.
     */
    public int cancelling() {
        return extras == null ? 0 : extras.cancelCount;
    }

    /**
     * Takes back one cancellation request, never going below zero, and returns how many remain,
     * asyncio 3.11's {@code uncancel()}. It does not stop a {@link CancelledError} already on its way:
     * code that swallows a cancellation calls it so that an enclosing {@code timeout} or
     * {@code TaskGroup} does not take that cancellation for its own.
     */
    public int uncancel() {
        if (extras != null && extras.cancelCount > 0) {
            extras.cancelCount--;
        }
        return cancelling();
    }

    /**
     * Requests cancellation, asyncio's {@code cancel(msg)}: the coroutine sees {@link CancelledError}
     * carrying {@code message} at the await where it is suspended, in a later iteration, or at its next
     * await if its step is already queued. The future it awaits is cancelled with the same message, so
     * a task, a gather or a {@code waitFor} it awaits is cancelled too. Returns {@code false} if the
     * task is already done. The task becomes {@link #cancelled()} only when the error escapes its
     * coroutine; its first reader ({@code await}, {@link #result()}, {@link #exception()}) then gets
     * that very error, with its message, and later readers a new one without message, as in 3.11.
     */
    @Override
    public boolean cancel(String message) {
        boolean pending = countCancelRequest();
        if (pending) {
            CancelChain.passDown(this, cancelAwaited(message), message);
        }
        return pending;
    }

    /** The first half of {@code cancel}: unless the task is done, counts one more cancellation request. */
    final boolean countCancelRequest() {
        markExceptionRetrieved(); // as asyncio clears _log_traceback: whoever cancels has seen enough
        if (done()) {
            return false;
        }
        extras().cancelCount++;
        extras.noteCancelCall(this);
        return true;
    }

    /** The second half of {@code cancel}: cancels what the task waits on, or returns the task it awaits, for {@link CancelChain}. */
    final Task<?> cancelAwaited(String message) {
        if (waiter instanceof Task<?> awaited) {
            return awaited;
        }
        if (timerSequence != NOT_SLEEPING && timerSequence != WAKE_UP_DROPPED) {
            // asyncio cancels the sleep's future: the next iteration's step throws CancelledError(message)
            if (timerSequence == TIMER_FIRED) {
                timerSequence = WAKE_UP_DROPPED;
            } else {
                timerSequence = NOT_SLEEPING;
                loop.timerCancelled();
            }
            resumeWithException(new CancelledError(message));
            loop.scheduleTurn(this);
            return null;
        }
        if (waiter == null || !waiter.cancel(message)) {
            mustCancel(message);
        }
        return null;
    }

    /** Makes the next step throw {@link CancelledError} with {@code message}, asyncio's {@code _must_cancel}. */
    final void mustCancel(String message) {
        setFlag(MUST_CANCEL, true);
        extras.cancelMessage = message;
    }

    /** Throws {@link CancelledError} into the task at once, at its await of a task: how {@link CancelChain} breaks a cycle. */
    final void cancelOutOfCycle(String message) {
        waiter.removeWaiter(this);
        waiter = null;
        resumeWithException(new CancelledError(message));
        loop.scheduleTurn(this);
    }

    /** The task this one waits on, or {@code null}. */
    final Task<?> awaitedTask() {
        return waiter instanceof Task<?> awaited ? awaited : null;
    }

    /** Whether the task is on the path of the cancellation being passed down; see {@link CancelChain}. */
    final boolean onCancelPath() {
        return hasFlag(ON_CANCEL_PATH);
    }

    /** Marks the task as on, or off, the path of the cancellation being passed down. */
    final void setOnCancelPath(boolean on) {
        setFlag(ON_CANCEL_PATH, on);
    }

    /** Not supported: a task's result is its coroutine's; throws {@link IllegalStateException}. */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /** Not supported: a task's exception is its coroutine's; throws {@link IllegalStateException}. */
    @Override
    public void setException(Throwable exception) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    /** Suspends the task on {@code future}: the step after it is done resumes {@code suspended}. */
    Object suspendOn(Coroutine<?> suspended, Future<?> future) {
        frame = suspended;
        if (future.loop != loop) {
            return resumeSoonWith(new IllegalStateException(
                    "Task " + this + " got Future " + future + " attached to a different loop"));
        }
        if (future == this) {
            return resumeSoonWith(new IllegalStateException("Task cannot await on itself: " + this));
        }
        waiter = future;
        future.addWaiter(this);
        TaskExtras watch = extras();
        if (!watch.watched) {
            // Waiting on a future is the one state in which the loop holds no reference to the task.
            watch.watched = true;
            loop.tasks.watch(watch);
        }
        if (hasFlag(MUST_CANCEL) && future.cancel(pendingCancelMessage())) {
            setFlag(MUST_CANCEL, false);
        }
        return WovenCode.SUSPENDED;
    }

    /** A bare yield, as {@code sleep(0)}: resumes {@code suspended} with {@code value} in the next iteration. */
    Object yieldOnce(Coroutine<?> suspended, Object value) {
        frame = suspended;
        resumeWithValue(value);
        loop.scheduleTurn(this);
        return WovenCode.SUSPENDED;
    }

    /**
     * {@code sleep(d)} for {@code d > 0}: parks the task in the loop's timer queue for
     * {@code delayNanos}, then resumes {@code suspended} with {@code value}. A pending cancellation
     * cancels the sleep at once, as it cancels the future a sleep awaits in asyncio.
     */
    Object sleepOnTimer(Coroutine<?> suspended, long delayNanos, Object value) {
        frame = suspended;
        if (hasFlag(MUST_CANCEL)) {
            setFlag(MUST_CANCEL, false);
            return resumeSoonWith(new CancelledError(pendingCancelMessage()));
        }
        resumeWithValue(value);
        timerSequence = loop.addSleepingTask(delayNanos, this);
        return WovenCode.SUSPENDED;
    }

    /** Has the step start {@code awaited} once the coroutines on the Java stack have returned, as if it ran inline. */
    Object startInStep(Coroutine<?> awaited) {
        frame = awaited;
        setFlag(START_FRAME, true);
        return WovenCode.SUSPENDED;
    }

    /** Whether the task sleeps on the timer entry numbered {@code sequence}; if not, the entry is stale. */
    boolean isSleepingOn(long sequence) {
        return timerSequence == sequence;
    }

    /** Called by the loop when this task's timer is due: the wake-up runs in this iteration. */
    void timerDue() {
        timerSequence = TIMER_FIRED;
        loop.scheduleTurn(this);
    }

    private Object resumeSoonWith(Throwable failure) {
        resumeWithException(failure);
        loop.scheduleTurn(this);
        return WovenCode.SUSPENDED;
    }

    /** Called by the future this task waits on when it is done: schedules the step that reads it. */
    @Override
    void awaitedDone(Future<?> done) {
        loop.scheduleTurn(this);
    }

    /** This task's turn in the ready queue: its step, in its context, which keeps what the step set. */
    @Override
    void runTurn(CurrentContext current) {
        if (extras != null && extras.givenContext != null) {
            extras.givenContext.runStep(this, current); // a context given at creation: entered, as Python's ctx.run(step)
            return;
        }
        current.owner = this;
        current.context = context();
        try {
            runStep();
        } finally {
            setContext(current.context);
        }
    }

    @Override
    String describeTurn() {
        return "step of " + getName();
    }

    /** The task's extras, made on first use with the loop's queue of destroyed tasks. */
    private TaskExtras extras() {
        if (extras == null) {
            extras = new TaskExtras(this, loop.tasks.destroyedTasks, number);
        }
        return extras;
    }

    /**
     * The context the task's steps run in: the one it was created in, with what its steps set. The
     * task is its own ready-queue entry, so it keeps what a handle would; in its extras, as most tasks
     * run in the empty context.
     */
    ContextMap context() {
        return extras == null ? ContextMap.EMPTY : extras.context;
    }

    private void setContext(ContextMap context) {
        if (extras != null || context != ContextMap.EMPTY) {
            extras().context = context;
        }
    }

    /** Tells the loop not to report this task if it is collected while pending, asyncio's {@code _log_destroy_pending = False}. */
    void doNotReportIfDestroyed() {
        extras().reportIfDestroyed = false;
    }

    /** The message of the pending cancellation, the one {@link #MUST_CANCEL} delivers. */
    private String pendingCancelMessage() {
        return extras == null ? null : extras.cancelMessage;
    }

    private boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    private void setFlag(int flag, boolean on) {
        flags = (byte) (on ? flags | flag : flags & ~flag);
    }

    /**
     * Holds the value a coroutine of this task returns ({@code result(v)}) for {@link Coroutine#run}, which
     * takes it at once: the resume outcome's slot is free, as the coroutine took its resume value already.
     */
    void holdReturnValue(Object value) {
        resumeWithValue(value);
    }

    /** Takes the value that {@link #holdReturnValue} holds. */
    Object takeReturnValue() {
        Object value = resumeOutcome;
        resumeOutcome = null;
        return value;
    }

    /** Whether {@code coroutine}, claimed by this task, has started: inner coroutines run as they are awaited. */
    boolean hasRun(Coroutine<?> coroutine) {
        return coroutine != this.coroutine || hasFlag(STARTED);
    }

    private void resumeWithValue(Object value) {
        resumeOutcome = value;
        setFlag(RESUME_THROWS, false);
    }

    private void resumeWithException(Throwable failure) {
        resumeOutcome = failure;
        setFlag(RESUME_THROWS, true);
    }

    /** The outcome for the await being resumed, taken once: returns the value or throws the exception. */
    Object takeResumeValue() {
        Object outcome = resumeOutcome;
        boolean throwsIt = hasFlag(RESUME_THROWS);
        resumeWithValue(null);
        if (throwsIt) {
            Throwable failure = (Throwable) outcome;
            if (hasFlag(EXCEPTION_FROM_CALLEE)) {
                setFlag(EXCEPTION_FROM_CALLEE, false);
                StackTraces.continueInAwaiter(failure);
            } else if (failure instanceof CancelledError) {
                StackTraces.raiseAtAwait(failure, extras == null ? null : extras.takeCancelOrigin());
            }
            throw Throwables.sneakyThrow(failure);
        }
        return outcome;
    }

    /** Runs one step: the scheduled one, or the wake-up after the waited-on future is done. */
    void runStep() {
        if (timerSequence != NOT_SLEEPING) {
            // The timer's wake-up, asyncio's timer callback: the step itself runs in the next iteration.
            boolean fired = timerSequence == TIMER_FIRED;
            timerSequence = NOT_SLEEPING;
            if (fired) {
                loop.scheduleTurn(this);
            }
            return;
        }
        setFlag(EXCEPTION_FROM_CALLEE, false);
        Future<?> wokenBy = waiter;
        if (wokenBy != null) {
            waiter = null;
            if (wokenBy.cancelled()) {
                resumeWithException(wokenBy.makeCancelledError());
            } else if (wokenBy.failed()) {
                resumeWithException(wokenBy.exceptionNow());
            } else {
                resumeWithValue(wokenBy.resultNow());
            }
        }
        if (done()) {
            throw new InvalidStateException("step(): already done: " + this);
        }
        if (hasFlag(MUST_CANCEL)) {
            if (!(hasFlag(RESUME_THROWS) && resumeOutcome instanceof CancelledError)) {
                resumeWithException(new CancelledError(pendingCancelMessage()));
            }
            setFlag(MUST_CANCEL, false);
        }
        loop.enterTask(this);
        try {
            drive();
        } finally {
            loop.leaveTask(this);
        }
    }

    /**
     * Resumes the innermost coroutine, then, each time one ends, the one that awaited it, until one
     * suspends or the task's own coroutine ends. A loop, not recursion: the Java stack stays flat.
     */
    private void drive() {
        Coroutine<?> current = frame;
        while (true) {
            Object outcome = null;
            Throwable failure = null;
            try {
                if (!hasFlag(STARTED) && hasFlag(RESUME_THROWS)) {
                    // cancelled before its first step: the coroutine never runs any of its body
                    failure = (Throwable) resumeOutcome;
                    resumeWithValue(null);
                } else {
                    setFlag(STARTED, true);
                    outcome = Coroutine.run(current);
                }
            } catch (Throwable thrown) {
                failure = thrown;
            }
            if (failure == null && outcome == WovenCode.SUSPENDED) {
                if (!hasFlag(START_FRAME)) {
                    return;
                }
                setFlag(START_FRAME, false);
                current = frame;
                continue;
            }
            Coroutine<?> awaiter = current.caller;
            current.caller = null;
            if (awaiter == null) {
                finish(outcome, failure);
                return;
            }
            if (failure != null) {
                resumeWithException(failure);
                setFlag(EXCEPTION_FROM_CALLEE, true);
            } else {
                resumeWithValue(outcome);
            }
            current = awaiter;
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Object outcome, Throwable failure) {
        frame = null;
        if (extras != null) {
            extras.clear(); // a task that ended is not "destroyed but pending", and allTasks() skips it
        }
        if (failure instanceof CancelledError cancellation) {
            // As 3.11's Future.cancel(self) without a message: the error itself, message included, goes
            // to the first reader; later readers get a new CancelledError without one.
            finishCancelled(cancellation, null);
        } else if (failure != null) {
            StackTraces.clean(failure);
            finishWithException(failure);
            if (Throwables.isFatal(failure)) {
                throw (Error) failure; // the task records it, but the JVM is in no state to go on running tasks
            }
        } else if (hasFlag(MUST_CANCEL)) {
            setFlag(MUST_CANCEL, false);
            finishCancelled(null, pendingCancelMessage());
        } else {
            finishWithResult((T) outcome);
        }
    }

    /**
     * Where the task is, asyncio's {@code get_stack()}, innermost frame first as
     * {@link Thread#getStackTrace()} lists them (Python lists them oldest first). Suspended (or not
     * started): one frame per coroutine of its chain of awaits, from the one where it waits out to its
     * own, each with the file and line of the await it is suspended at (not started: its first line).
     * While its step runs: the thread's stack, cleaned as exceptions' traces are. Failed: the stack
     * trace of its exception. Otherwise (finished, cancelled): none.
     */
    public List<StackTraceElement> getStack() {
        return getStack(Integer.MAX_VALUE);
    }

    /**
     * {@link #getStack()}, at most {@code limit} frames: the innermost ones of a suspended task, the
     * outermost ones of an exception, as asyncio's {@code get_stack(limit=)}.
     */
    public List<StackTraceElement> getStack(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0: " + limit);
        }
        return loop.currentTask() == this ? StackTraces.currentTaskStack(limit)
                : StackTraces.suspendedTaskStack(this, frame, timerSequence != NOT_SLEEPING && !(frame instanceof Sleep), limit);
    }

    /** Prints {@link #getStack()} to {@code System.err}, asyncio's {@code print_stack()}. */
    public void printStack() {
        printStack(Integer.MAX_VALUE, System.err);
    }

    /**
     * Prints at most {@code limit} frames of {@link #getStack(int)} to {@code out}, under a line that
     * names the task, and for a failed task its exception last, as asyncio's {@code print_stack()}.
     */
    public void printStack(int limit, PrintStream out) {
        StackTraces.printTaskStack(this, getStack(limit), failed() && frame == null, out);
    }

    /** The state as asyncio's task repr writes it: {@code cancelling} while a cancellation is pending. */
    private String describeOwnState() {
        return cancelling() > 0 && !done() ? "cancelling" : describeState();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Task[").append(describeOwnState()).append(" name=").append(getName())
                .append(" coro=").append(coroutine.functionName());
        if (waiter instanceof Task<?> awaited) {
            // One level, as asyncio's repr names what a task waits for: a chain or a cycle of awaits stays one line.
            text.append(" awaiting=Task[").append(awaited.describeOwnState()).append(" name=").append(awaited.getName())
                    .append(" coro=").append(awaited.coroutine.functionName()).append(']');
        } else if (waiter != null || timerSequence > 0) {
            // asyncio shows a sleeping task's sleep future, which this task does without
            text.append(" awaiting=").append(waiter != null ? waiter : "sleep");
        }
        return text.append(']').toString();
    }
}
