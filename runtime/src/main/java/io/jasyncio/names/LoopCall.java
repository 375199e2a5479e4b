// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.names;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.function.Function;

/**
 * A coroutine that, once awaited, asks the running loop for a future and returns what the future
 * returns: the coroutine form of {@link Names}' lookups, as asyncio's {@code async def getaddrinfo}
 * awaits {@code run_in_executor}. Nothing starts before the coroutine is awaited.
 *
 * @param <T> what the future returns
 */
final class LoopCall<T> extends HandWrittenCoroutine<T> {
    private static final int DONE = 1;

    private final Function<EventLoop, Future<T>> call;

    LoopCall(String functionName, Function<EventLoop, Future<T>> call) {
        super(functionName);
        this.call = call;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                return await(DONE, call.apply(EventLoop.getRunningLoop()));
            case DONE:
                return finish(awaited());
            default:
                throw badLabel(label);
        }
    }
}
