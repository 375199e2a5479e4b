// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;

/**
 * One step of an async generator, what {@code anext()}, {@code asend()}, {@code athrow()},
 * {@code aclose()} and {@code hasNext()} return, asyncio's {@code async_generator_asend} and
 * {@code async_generator_athrow} awaitables: awaited, it runs the generator's frame inline in the
 * awaiting task up to its next {@code emit} or its end, and returns (or throws) what the step's kind
 * makes of that. The frame is the coroutine this step awaits, so while it runs, the frame's
 * {@code caller} is this step, which is how {@code emit} finds its generator.
 */
final class AsyncGeneratorStep extends Coroutine<Object> {
    /** What a step asks of the generator, with the name its "already running" error gives. */
    enum Kind {
        NEXT("anext"), SEND("anext"), THROW("athrow"), CLOSE("aclose"), HAS_NEXT("anext");

        /** The method named in asyncio's "already running" message. */
        final String method;

        Kind(String method) {
            this.method = method;
        }
    }

    final AsyncGeneratorCore generator;

    /** The handle the user holds, kept reachable while the step runs; {@code null} for the loop's finalizing close. */
    private final Object handle;

    final Kind kind;

    /** The value to send, or the exception to throw in; for a close, made when thrown. */
    private final Object argument;

    /** Whether the step has started the generator's frame, so that resuming it takes the frame's outcome. */
    private boolean awaitingFrame;

    /** Whether the step has ended: a reused {@code hasNext()} step may then be armed again. */
    private boolean finished;

    AsyncGeneratorStep(AsyncGeneratorCore generator, Object handle, Kind kind, Object argument) {
        this.generator = generator;
        this.handle = handle;
        this.kind = kind;
        this.argument = argument;
    }

    /** Whether the step can be handed out again: not awaited yet, or ended. */
    boolean reusable() {
        return task == null || finished;
    }

    /** Makes an ended step awaitable again, for the next {@code hasNext()}. */
    void rearm() {
        task = null;
        caller = null;
        awaitingFrame = false;
        finished = false;
    }

    @Override
    protected Object resume() {
        Object outcome;
        if (!awaitingFrame) {
            finished = true; // unless the frame runs: then when it is done
            Object early = generator.begin(this);
            if (early != AsyncGeneratorCore.RUN) {
                return complete(early);
            }
            finished = false;
            awaitingFrame = true;
            try {
                outcome = WovenCode.await(this, generator.frame);
            } catch (Throwable failure) {
                finished = true;
                return complete(generator.failed(this, failure));
            }
            if (outcome == WovenCode.SUSPENDED) {
                return outcome;
            }
        } else {
            try {
                outcome = WovenCode.resumeValue(this);
            } catch (Throwable failure) {
                finished = true;
                return complete(generator.failed(this, failure));
            }
        }
        finished = true;
        return complete(generator.frameReturned(this, outcome));
    }

    /** This step as the coroutine type its method declares. */
    @SuppressWarnings("unchecked")
    <V> Coroutine<V> typed() {
        return (Coroutine<V>) (Coroutine<?>) this;
    }

    /** What the suspended {@code emit} returns, or throws, when this step resumes the frame there. */
    Object takeSent() {
        if (kind == Kind.CLOSE) {
            throw new GeneratorExit();
        }
        if (kind == Kind.THROW) {
            throw Throwables.sneakyThrow((Throwable) argument);
        }
        return argument;
    }

    /** The value sent by {@code asend}, for the check of a generator that has not started. */
    Object sentValue() {
        return kind == Kind.SEND ? argument : null;
    }

    /** The exception {@code athrow} throws in. */
    Throwable thrown() {
        return (Throwable) argument;
    }

    @Override
    protected String functionName() {
        return "AsyncGenerator." + (kind == Kind.HAS_NEXT ? "hasNext" : kind == Kind.SEND ? "asend" : kind.method);
    }

    @Override
    public String toString() {
        return super.toString() + (handle != null ? " of " + handle : "");
    }
}
