// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * An async generator, Python's {@code async def} with {@code yield}: what an {@code @Async} method
 * (or a lambda) returning {@code AsyncGenerator<T>} returns. The method may {@code await}, and hands
 * out values with {@link #emit}, each of which suspends it until the consumer asks for the next one:
 * <pre>{@code
 * @Async static AsyncGenerator<Integer> ticks(int n) {
 *     for (int i = 0; i < n; i++) {
 *         emit(i);                 // Python's  yield i
 *         await(sleep(0.1));
 *     }
 *     return end();                // Python's  return (or falling off the end)
 * }
 *
 * for (var it = ticks(3); await(it.hasNext()); ) {   // Python's  async for i in ticks(3):
 *     int i = it.next();
 * }
 * }</pre>
 * As in Python it is lazy: calling the method runs nothing; each {@link #anext()} (or
 * {@link #hasNext()}) runs the body, inline in the awaiting task, up to its next {@code emit} or its
 * end. {@link #aclose()} throws {@link GeneratorExit} at the suspended {@code emit}, so that
 * {@code finally} blocks run and may await. One step at a time: awaiting a step while another runs
 * (suspended at an {@code await} of the body) throws {@link IllegalStateException}
 * ({@code "anext(): asynchronous generator is already running"}).
 *
 * <p>The running loop tracks a generator from its first step, as asyncio's async generator hooks do:
 * {@code run()} closes those left suspended at its end ({@link EventLoop#shutdownAsyncgens()}), and one
 * collected by the garbage collector while suspended is closed by its loop in a task of its own.
 *
 * @param <T> the type of the values it emits
 */
public interface AsyncGenerator<T> extends AsyncIterator<T>, AsyncCloseable {
    /**
     * Runs the generator up to its next {@code emit} and returns the value, Python's
     * {@code anext(agen)}: throws {@link StopAsyncIterationException} once the generator has ended,
     * and whatever the generator throws.
     */
    Coroutine<T> anext();

    /**
     * {@link #anext()}, with {@code value} as what the suspended {@code emit} returns, Python's
     * {@code agen.asend(value)}; a generator that has not started accepts only {@code null}
     * ({@link IllegalArgumentException}: "can't send non-None value to a just-started async generator").
     */
    Coroutine<T> asend(Object value);

    /**
     * Throws {@code exception} into the generator at the suspended {@code emit} and returns the value it
     * emits next, Python's {@code agen.athrow(exc)}: throws what the generator throws, and
     * {@link StopAsyncIterationException} if it ends. A generator that has not started ends at once
     * with {@code exception}; one that has ended returns {@code null}, as in 3.11.
     */
    Coroutine<T> athrow(Throwable exception);

    /**
     * Closes the generator, Python's {@code agen.aclose()}: throws {@link GeneratorExit} at the
     * suspended {@code emit} and runs it to its end, so that its {@code finally} blocks run. Throws
     * what the generator throws, except {@link GeneratorExit} and {@link StopAsyncIterationException};
     * a generator that emits instead of ending fails it with {@link IllegalStateException} ("async
     * generator ignored GeneratorExit"). Closing a generator that has not started, or has ended, does
     * nothing.
     */
    @Override
    Coroutine<Void> aclose();

    /**
     * Hands {@code value} to the consumer and suspends the generator until it asks for the next one,
     * Python's {@code yield value}; returns what {@link #asend} sent ({@code null} for {@code anext}).
     * Only an {@code @Async} method (or lambda) returning {@code AsyncGenerator} may call it: the
     * weaver makes each call a resume point, as it does each {@code await}. The name is Kotlin's for
     * the same hand-out in a flow ({@code yield} is a restricted identifier in Java). Unwoven, it
     * throws {@link NotWovenError}.
     */
    static <S> S emit(Object value) {
        throw Unwoven.emitCalledFrom(StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElse(null));
    }

    /**
     * What an async generator returns when it ends, {@code return end();}, as Python's generator
     * returns nothing: the consumer's {@code hasNext()} then gives {@code false}, its {@code anext()}
     * throws {@link StopAsyncIterationException}.
     */
    static <T> AsyncGenerator<T> end() {
        return null;
    }
}
