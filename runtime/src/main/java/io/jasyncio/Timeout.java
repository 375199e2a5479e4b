// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.Objects;
import java.util.function.Function;

/**
 * A deadline for a block of code, asyncio's {@code Timeout} (what {@code asyncio.timeout()} and
 * {@code asyncio.timeout_at()} return).
 *
 * <p>Python's {@code async with asyncio.timeout(delay) as cm: body} is
 * {@code await(timeout(delay, cm -> { body; return result(value); }))} (see
 * {@link Asyncio#timeout(Number, Function)}): the block is a coroutine that runs the body inline in
 * the current task and gives this object to it. When the deadline passes, the timeout cancels the
 * task, so the body sees {@link CancelledError} at the await where it is suspended; when that error
 * leaves the body, the block throws {@link TimeoutException} instead, with the {@code CancelledError}
 * as its cause. A cancellation that did not come from this timeout (the task's
 * {@link Task#cancelling()} count stays above what it was on entry) passes through unchanged, and so
 * does a {@code TimeoutException} of an inner block. A body that swallows the cancellation ends the
 * block normally, with {@link #expired()} true.
 *
 * <p>Loop thread only.
 */
public final class Timeout {
    /** The states of asyncio's {@code _State}, with the names its repr prints. */
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        private final String text;

        State(String text) {
            this.text = text;
        }
    }

    private State state = State.CREATED;

    /** The deadline in loop time, or {@code null} for none. */
    private Double when;

    /** The callback that cancels the task at the deadline, while one is scheduled. */
    private Handle timeoutHandle;

    /** The task that runs the block. */
    private Task<?> task;

    /** Loop time when the block was entered, for the message of the {@link TimeoutException}. */
    private double enteredAt;

    /** The task's {@link Task#cancelling()} count on entry: above it, a cancellation is someone else's. */
    private int cancellingOnEntry;

    private Timeout(Double when) {
        this.when = when;
    }

    /** The deadline in loop time ({@link EventLoop#time()}), or {@code null} if there is none. */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline to loop time {@code when}, or removes it ({@code null}); a deadline that has
     * passed already cancels the task in the next iteration. {@link IllegalStateException} (Python's
     * {@code RuntimeError}) unless the block is running and has not expired.
     */
    public void reschedule(Number when) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
        }
        this.when = Asyncio.secondsOrNull(when, "when");
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        if (this.when == null) {
            timeoutHandle = null;
        } else {
            EventLoop loop = task.getLoop();
            timeoutHandle = this.when <= loop.time()
                    ? loop.callSoon(this::onTimeout) : loop.callAt(this.when, this::onTimeout);
        }
    }

    /** Whether the deadline passed while the block ran, asyncio's {@code expired()}. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /** Enters the block in {@code runner}, asyncio's {@code __aenter__}. */
    private void enter(Task<?> runner) {
        state = State.ENTERED;
        task = runner;
        enteredAt = runner.getLoop().time();
        cancellingOnEntry = runner.cancelling();
        reschedule(when);
    }

    /**
     * Leaves the block, asyncio's {@code __aexit__}: returns what the block throws, given what the
     * body threw ({@code null} if it returned normally): the body's exception, a
     * {@link TimeoutException} in its place, or {@code null}.
     */
    private Throwable exit(Throwable bodyFailure) {
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
            timeoutHandle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && bodyFailure instanceof CancelledError) {
                return TimeoutException.causedBy(bodyFailure, when - enteredAt); // no other cancel requests: this one is ours
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return bodyFailure;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        timeoutHandle = null;
    }

    @Override
    public String toString() {
        String deadline = state == State.ENTERED
                ? " when=" + (when == null ? "None" : String.valueOf(Math.round(when * 1000) / 1000.0)) : "";
        return "Timeout[" + state.text + deadline + "]";
    }

    /**
     * The coroutine of {@code async with timeout(...) as cm: body}: its deadline is {@code deadline}
     * seconds after it starts if {@code relative}, else loop time {@code deadline}; {@code null}: none.
     */
    static <T> Coroutine<T> block(Double deadline, boolean relative,
            Function<? super Timeout, ? extends Coroutine<? extends T>> body) {
        return new Block<>(deadline, relative, Objects.requireNonNull(body, "body"));
    }

    /** The coroutine that enters the timeout, awaits the body inline, and leaves the timeout. */
    private static final class Block<T> extends HandWrittenCoroutine<T> {
        private static final int BODY_ENDED = 1;

        private final Double deadline;
        private final boolean relative;
        private final Function<? super Timeout, ? extends Coroutine<? extends T>> body;
        private Timeout timeout;

        Block(Double deadline, boolean relative,
                Function<? super Timeout, ? extends Coroutine<? extends T>> body) {
            this.deadline = deadline;
            this.relative = relative;
            this.body = body;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    EventLoop loop = EventLoop.getRunningLoop();
                    Double when = relative && deadline != null ? Double.valueOf(loop.time() + deadline) : deadline;
                    timeout = new Timeout(when);
                    timeout.enter(loop.currentTask());
                    Coroutine<? extends T> coroutine;
                    try {
                        coroutine = Objects.requireNonNull(body.apply(timeout), "the body returned null");
                    } catch (Throwable failure) {
                        throw leaveAfter(failure);
                    }
                    return await(BODY_ENDED, coroutine);
                case BODY_ENDED:
                    T value;
                    try {
                        value = awaited();
                    } catch (Throwable failure) {
                        throw leaveAfter(failure);
                    }
                    timeout.exit(null); // a body that returned normally never turns into a timeout
                    return finish(value);
                default:
                    throw badLabel(label);
            }
        }

        /** Leaves the timeout after the body threw {@code bodyFailure}, and throws what the block throws. */
        private RuntimeException leaveAfter(Throwable bodyFailure) {
            throw Throwables.sneakyThrow(timeout.exit(bodyFailure));
        }

        @Override
        protected String functionName() {
            return "Asyncio.timeout";
        }
    }
}
