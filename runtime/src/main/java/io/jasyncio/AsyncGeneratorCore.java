// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * The state of an async generator, CPython's async generator object without its handle: its frame,
 * where it stands, and the value that {@code hasNext()} made ready. Apart from the handle the user
 * holds ({@link RealAsyncGenerator}) so that the loop can still close a generator whose handle the
 * garbage collector found unreachable. Loop thread only.
 */
final class AsyncGeneratorCore {
    /** Where the generator stands. */
    enum State {
        /** Not started: nothing of the body has run. */
        CREATED,
        /** Suspended at an {@code emit}. */
        SUSPENDED,
        /** A step runs the body (which may be suspended at one of its awaits). */
        RUNNING,
        /** The body returned or threw, or the generator was closed: asyncio's exhausted generator. */
        ENDED
    }

    /** What {@link #begin} returns when the step must run the frame. */
    static final Object RUN = new Object();

    /** The woven body's frame, a coroutine run again by each step. */
    final Coroutine<?> frame;

    State state = State.CREATED;

    /** Set by {@code emit} during the running step: the frame returned a value, not its end. */
    boolean emitted;

    /** Whether {@link #pending} holds a value that {@code hasNext()} made ready and {@code next()} has not taken. */
    private boolean hasPending;

    private Object pending;

    /** Whether the first step was asked for, asyncio's {@code ag_hooks_inited}. */
    boolean hooked;

    AsyncGeneratorCore(Coroutine<?> frame) {
        this.frame = frame;
    }

    /**
     * Starts {@code step}: fails it if another step runs; gives its outcome at once where the state
     * decides it; otherwise marks the generator running, makes the frame claimable by the step and
     * returns {@link #RUN}.
     */
    Object begin(AsyncGeneratorStep step) {
        if (state == State.RUNNING) {
            throw new IllegalStateException(step.kind.method + "(): asynchronous generator is already running");
        }
        switch (step.kind) {
            case HAS_NEXT:
                if (hasPending || state == State.ENDED) {
                    return hasPending;
                }
                break;
            case NEXT:
            case SEND:
                if (hasPending) {
                    return takePending();
                }
                if (state == State.ENDED) {
                    throw new StopAsyncIterationException();
                }
                if (state == State.CREATED && step.sentValue() != null) {
                    throw new IllegalArgumentException("can't send non-None value to a just-started async generator");
                }
                break;
            case THROW:
                dropPending();
                if (state == State.ENDED) {
                    return null; // as 3.11 does for an exhausted generator
                }
                if (state == State.CREATED) {
                    state = State.ENDED;
                    throw Throwables.sneakyThrow(step.thrown());
                }
                break;
            case CLOSE:
                dropPending();
                if (state != State.SUSPENDED) {
                    state = State.ENDED;
                    return null;
                }
                break;
            default:
                throw new AssertionError(step.kind);
        }
        state = State.RUNNING;
        emitted = false;
        frame.task = null; // claimed anew by this step
        return RUN;
    }

    /** The outcome of {@code step} once the frame emitted or returned {@code value}. */
    Object frameReturned(AsyncGeneratorStep step, Object value) {
        if (emitted) {
            emitted = false;
            state = State.SUSPENDED;
            if (step.kind == AsyncGeneratorStep.Kind.CLOSE) {
                throw new IllegalStateException("async generator ignored GeneratorExit");
            }
            if (step.kind == AsyncGeneratorStep.Kind.HAS_NEXT) {
                pending = value;
                hasPending = true;
                return Boolean.TRUE;
            }
            return value;
        }
        state = State.ENDED;
        switch (step.kind) {
            case HAS_NEXT:
                return Boolean.FALSE;
            case CLOSE:
                return null;
            default:
                throw new StopAsyncIterationException();
        }
    }

    /** The outcome of {@code step} once the frame threw {@code failure}: the generator has ended. */
    Object failed(AsyncGeneratorStep step, Throwable failure) {
        emitted = false;
        state = State.ENDED;
        if (failure instanceof StopAsyncIterationException) {
            throw new IllegalStateException("async generator raised StopAsyncIteration", failure);
        }
        if (step.kind == AsyncGeneratorStep.Kind.CLOSE && failure instanceof GeneratorExit) {
            return null;
        }
        throw Throwables.sneakyThrow(failure);
    }

    /** {@code next()}: the value {@code hasNext()} made ready. */
    Object takePending() {
        if (!hasPending) {
            throw new NoSuchElementException("no value ready: await hasNext() first, and take each value once");
        }
        Object value = pending;
        dropPending();
        return value;
    }

    private void dropPending() {
        hasPending = false;
        pending = null;
    }

    /** Whether the generator has not ended, so that a finalizer must close it, as CPython's does. */
    boolean needsClosing() {
        return state != State.ENDED;
    }

    @Override
    public String toString() {
        return frame.functionName() + " " + state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
