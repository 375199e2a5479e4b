// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.AsyncGeneratorStep.Kind;
import java.util.Objects;

/**
 * The async generator that a woven {@code @Async} method returning {@link AsyncGenerator} returns:
 * the handle around its {@link AsyncGeneratorCore}. The loop tracks the handle weakly from the first
 * step on, so that one the program dropped while it was suspended is closed by the loop. Loop thread
 * only.
 *
 * @param <T> the type of the values it emits
 */
final class RealAsyncGenerator<T> implements AsyncGenerator<T> {
    final AsyncGeneratorCore core;

    /** The step that {@link #hasNext()} hands out, armed again for each value: a loop allocates no step per value. */
    private AsyncGeneratorStep hasNextStep;

    RealAsyncGenerator(Coroutine<?> frame) {
        core = new AsyncGeneratorCore(frame);
        if (NeverAwaitedReport.claimsWatched) {
            // The frame is the generator's, run by its steps: an async generator never iterated is no
            // coroutine never awaited, and Python's debug mode says nothing about it either.
            NeverAwaitedReport.claimed(frame);
        }
    }

    @Override
    public Coroutine<T> anext() {
        return step(Kind.NEXT, null);
    }

    @Override
    public Coroutine<T> asend(Object value) {
        return step(Kind.SEND, value);
    }

    @Override
    public Coroutine<T> athrow(Throwable exception) {
        return step(Kind.THROW, Objects.requireNonNull(exception, "exception"));
    }

    @Override
    public Coroutine<Void> aclose() {
        return step(Kind.CLOSE, null);
    }

    @Override
    public Awaitable<Boolean> hasNext() {
        firstIteration();
        if (hasNextStep != null && hasNextStep.reusable()) {
            hasNextStep.rearm();
        } else {
            hasNextStep = new AsyncGeneratorStep(core, this, Kind.HAS_NEXT, null);
        }
        return hasNextStep.typed();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        return (T) core.takePending();
    }

    private <V> Coroutine<V> step(Kind kind, Object argument) {
        firstIteration();
        return new AsyncGeneratorStep(core, this, kind, argument).typed();
    }

    /** asyncio's {@code firstiter} hook, called by the first step asked for: the running loop tracks the generator. */
    private void firstIteration() {
        if (!core.hooked) {
            core.hooked = true;
            EventLoop loop = EventLoop.runningLoopOrNull();
            if (loop != null) {
                loop.asyncGeneratorHooks().firstIteration(this);
            }
        }
    }

    /** As asyncio's repr names a generator, without the address: {@code AsyncGenerator[Owner.method suspended]}. */
    @Override
    public String toString() {
        return "AsyncGenerator[" + core + "]";
    }
}
