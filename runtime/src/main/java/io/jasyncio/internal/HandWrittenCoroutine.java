// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import java.util.Objects;

/**
 * The runtime's own way to write a coroutine: a state machine written by hand on the same contract
 * as woven code ({@link WovenCode}), for the coroutines of the runtime itself, which is not woven
 * ({@code Lock.acquire()}, {@code Queue.get()} and the like). Not API.
 *
 * <p>A subclass writes its body as {@link #step(int)}, a {@code switch} on the resume point. A step
 * ends either with {@code return await(RESUME_POINT, awaitable);} or with
 * {@code return finish(value);}, or throws. After an await, the body continues in the step for that
 * resume point, which first takes the outcome of the await with {@link #awaited()}: the value, or
 * the exception thrown there (as {@code CancelledError} when the task was cancelled), so that
 * {@code try}/{@code catch}/{@code finally} around {@code awaited()} reads as they would around the
 * {@code await} in Python. Python's
 * <pre>{@code
 * async def acquire(self):
 *     if not self._locked: ...; return True
 *     fut = create_future(); self._waiters.append(fut)
 *     try:
 *         await fut
 *     finally:
 *         self._waiters.remove(fut)
 *     ...; return True
 * }</pre>
 * becomes
 * <pre>{@code
 * protected Object step(int label) {
 *     switch (label) {
 *         case START:
 *             if (!locked) { ...; return finish(true); }
 *             waiter = waiters.add();
 *             return await(AFTER_WAIT, waiter);
 *         case AFTER_WAIT:
 *             try {
 *                 awaited();
 *             } finally {
 *                 waiters.remove(waiter);
 *             }
 *             ...; return finish(true);
 *         default:
 *             throw badLabel(label);
 *     }
 * }
 * }</pre>
 * Locals that live across an await are fields of the subclass, as woven code keeps them in its
 * frame. Awaiting something already done continues at once without suspending, and awaiting a
 * coroutine runs it inline, exactly as in woven code.
 *
 * @param <T> the type of the value the coroutine returns
 */
public abstract class HandWrittenCoroutine<T> extends Coroutine<T> {
    /** The resume point of a coroutine that has not started: {@link #step(int)} begins there. */
    protected static final int START = 0;

    /** What {@link #await(int, Awaitable)} returns to {@link #resume()}: the step wants to await. */
    private static final Object AWAIT = new Object();

    /** The resume point that the next {@link #step(int)} continues at. */
    private int label = START;

    /** What the last step asked to await, until {@link #resume()} awaits it. */
    private Awaitable<?> awaiting;

    /** Whether the coroutine is suspended, so that resuming it first takes the awaited outcome from its task. */
    private boolean suspended;

    /** The value of the last await, until {@link #awaited()} takes it. */
    private Object awaitedValue;

    /** The exception thrown at the last await, until {@link #awaited()} rethrows it. */
    private Throwable awaitedFailure;

    /** The name that tasks and stack listings show, as {@code Owner.method}; {@code null} for the class's name. */
    private final String functionName;

    /** For subclasses that name themselves by overriding {@link #functionName()}, or by their class. */
    protected HandWrittenCoroutine() {
        this(null);
    }

    /**
     * For subclasses: {@code functionName} names the coroutine function as {@code Owner.method}
     * ({@code "Lock.acquire"}) in task listings and stacks, where an anonymous class has no name.
     */
    protected HandWrittenCoroutine(String functionName) {
        this.functionName = functionName;
    }

    /**
     * Runs the body from resume point {@code label} ({@link #START} the first time) until it awaits,
     * with {@code return await(...)}, or ends, with {@code return finish(value)} or by throwing. A step
     * that follows an await first calls {@link #awaited()}.
     */
    protected abstract Object step(int label);

    /**
     * Awaits {@code awaitable} and continues with the step of {@code resumeAt} once it is done; the step
     * must {@code return} what this returns. asyncio's {@code await awaitable}.
     */
    protected final Object await(int resumeAt, Awaitable<?> awaitable) {
        label = resumeAt;
        awaiting = Objects.requireNonNull(awaitable, "awaitable");
        return AWAIT;
    }

    /** Ends the coroutine with {@code value}; the step must {@code return} what this returns. asyncio's {@code return value}. */
    protected final Object finish(T value) {
        return WovenCode.returnValue(value, this);
    }

    /**
     * The outcome of the await that the current step resumes after, taken once: returns the value, or
     * throws the exception that the awaited object ended with, as it was thrown ({@code CancelledError}
     * if the task was cancelled while it waited).
     */
    @SuppressWarnings("unchecked")
    protected final <V> V awaited() {
        Throwable failure = awaitedFailure;
        Object value = awaitedValue;
        awaitedFailure = null;
        awaitedValue = null;
        if (failure != null) {
            throw rethrow(failure);
        }
        return (V) value;
    }

    /**
     * Throws {@code failure} unchanged, even a checked exception, as awaiting code must see it. Declared
     * to return an exception so that a step can write {@code throw rethrow(failure);}.
     */
    protected static RuntimeException rethrow(Throwable failure) {
        throw HandWrittenCoroutine.<RuntimeException>throwAs(failure);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E throwAs(Throwable failure) throws E {
        throw (E) failure;
    }

    /** The error for a {@code switch} on a resume point that the subclass does not have. */
    protected final IllegalStateException badLabel(int label) {
        return new IllegalStateException("bad resume point " + label + " in " + this);
    }

    @Override
    protected String functionName() {
        return functionName != null ? functionName : super.functionName();
    }

    @Override
    protected final Object resume() {
        if (suspended) {
            suspended = false;
            try {
                awaitedValue = WovenCode.resumeValue(this);
            } catch (Throwable failure) {
                awaitedFailure = failure;
            }
        }
        while (true) {
            Object next = step(label);
            assert awaitedFailure == null : "the step of resume point " + label + " ignored the exception of its await";
            if (next != AWAIT) {
                return next;
            }
            Awaitable<?> awaitable = awaiting;
            awaiting = null;
            try {
                if (WovenCode.isDone(awaitable)) {
                    awaitedValue = WovenCode.doneResult(awaitable); // done already: no suspension
                    continue;
                }
                Object outcome = WovenCode.await(this, awaitable);
                if (outcome == WovenCode.SUSPENDED) {
                    suspended = true;
                    return outcome;
                }
                awaitedValue = outcome; // a coroutine that ran to its end inline
            } catch (Throwable failure) {
                awaitedFailure = failure;
            }
        }
    }
}
