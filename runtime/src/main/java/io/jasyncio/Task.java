// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;
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

    private final Coroutine<T> coroutine;

    private String name;

    /** The coroutine that the next step resumes: the innermost one of the chain of awaits. */
    private Coroutine<?> frame;

    /** The future this task is suspended on, asyncio's {@code _fut_waiter}. */
    private Future<?> waiter;

    /** Whether the next step must throw {@link CancelledError} into the coroutine. */
    private boolean mustCancel;

    /** The message of the pending cancellation request. */
    private String cancelMessage;

    /** How many cancellation requests are pending, asyncio's {@code cancelling()}. */
    private int cancelRequests;

    /** The value that the next step delivers to the await being resumed. */
    private Object resumeValue;

    /** The exception that the next step throws at the await being resumed, if any. */
    private Throwable resumeException;

    /**
     * Whether {@link #resumeException} was thrown by the coroutine that the resumed one awaits, so
     * that the awaiter's frames belong in its stack trace.
     */
    private boolean resumeExceptionFromCallee;

    /** This task's step in the ready queue; reused, since at most one step is scheduled at a time. */
    private final Step step = new Step(this);

    Task(EventLoop loop, Coroutine<T> coroutine, String name) {
        super(loop);
        coroutine.claim(this, null);
        this.coroutine = coroutine;
        this.frame = coroutine;
        this.name = name != null ? name : "Task-" + NAME_COUNTER.incrementAndGet();
        loop.schedule(step);
    }

    /** The task's name, {@code Task-N} unless one was given. */
    public String getName() {
        return name;
    }

    /** Renames the task. */
    public void setName(String name) {
        this.name = name;
    }

    /** The coroutine this task drives. */
    public Coroutine<T> getCoro() {
        return coroutine;
    }

    /** How many cancellation requests are pending, asyncio's {@code cancelling()}. */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Requests cancellation: the coroutine sees {@link CancelledError} at the await where it is
     * suspended, or at its next one. If the task awaits a future, that future is cancelled too. Returns
     * {@code false} if the task is already done. The task becomes {@link #cancelled()} only when the
     * error escapes its coroutine.
     */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        cancelRequests++;
        if (waiter != null && waiter.cancel(message)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
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
        if (mustCancel && future.cancel(cancelMessage)) {
            mustCancel = false;
        }
        return WovenCode.SUSPENDED;
    }

    /** A bare yield, as {@code sleep(0)}: resumes {@code suspended} with {@code value} in the next iteration. */
    Object yieldOnce(Coroutine<?> suspended, Object value) {
        frame = suspended;
        resumeValue = value;
        loop.schedule(step);
        return WovenCode.SUSPENDED;
    }

    private Object resumeSoonWith(Throwable failure) {
        resumeException = failure;
        loop.schedule(step);
        return WovenCode.SUSPENDED;
    }

    /** Called by the future this task waits on when it is done: schedules the step that reads it. */
    void wakeUpAfter(Future<?> future) {
        loop.schedule(step);
    }

    /** The outcome for the await being resumed, taken once: returns the value or throws the exception. */
    Object takeResumeValue() {
        Throwable failure = resumeException;
        Object value = resumeValue;
        resumeException = null;
        resumeValue = null;
        if (failure != null) {
            if (resumeExceptionFromCallee) {
                resumeExceptionFromCallee = false;
                StackTraces.continueInAwaiter(failure);
            }
            throw Throwables.sneakyThrow(failure);
        }
        return value;
    }

    /** Runs one step: the scheduled one, or the wake-up after the waited-on future is done. */
    private void runStep() {
        resumeExceptionFromCallee = false;
        Future<?> wokenBy = waiter;
        if (wokenBy != null) {
            waiter = null;
            if (wokenBy.cancelled()) {
                resumeException = wokenBy.makeCancelledError();
            } else if (wokenBy.failed()) {
                resumeException = wokenBy.exceptionNow();
            } else {
                resumeValue = wokenBy.resultNow();
            }
        }
        if (done()) {
            throw new InvalidStateException("step(): already done: " + this);
        }
        if (mustCancel) {
            if (!(resumeException instanceof CancelledError)) {
                resumeException = new CancelledError(cancelMessage);
                resumeValue = null;
            }
            mustCancel = false;
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
                if (!current.started && resumeException != null) {
                    failure = resumeException;
                    resumeException = null;
                } else {
                    outcome = Coroutine.run(current);
                }
            } catch (Throwable thrown) {
                failure = thrown;
            }
            if (failure == null && outcome == WovenCode.SUSPENDED) {
                return;
            }
            Coroutine<?> awaiter = current.caller;
            current.caller = null;
            if (awaiter == null) {
                finish(outcome, failure);
                return;
            }
            if (failure != null) {
                resumeException = failure;
                resumeExceptionFromCallee = true;
            } else {
                resumeValue = outcome;
            }
            current = awaiter;
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Object outcome, Throwable failure) {
        frame = null;
        if (failure instanceof CancelledError cancellation) {
            finishCancelled(cancellation, cancellation.getMessage());
        } else if (failure != null) {
            finishWithException(failure);
            if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                throw fatal; // the task records it, but the JVM is in no state to go on running tasks
            }
        } else if (mustCancel) {
            mustCancel = false;
            finishCancelled(null, cancelMessage);
        } else {
            finishWithResult((T) outcome);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Task[").append(describeState()).append(" name=").append(name);
        text.append(" coro=").append(coroutine.functionName());
        if (waiter != null) {
            text.append(" awaiting=").append(waiter);
        }
        return text.append(']').toString();
    }

    /** The task's entry in the ready queue. */
    private static final class Step extends Handle {
        private final Task<?> task;

        Step(Task<?> task) {
            super(null);
            this.task = task;
        }

        @Override
        void run() {
            task.runStep();
        }

        @Override
        String describeCallback() {
            return "step of " + task.getName();
        }
    }
}
