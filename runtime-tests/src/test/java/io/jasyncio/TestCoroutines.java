// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.annotations.Async;

/** Coroutines that the woven tests share: work that takes time, failures, and a plain awaiter. */
final class TestCoroutines {
    private TestCoroutines() {
    }

    /** Sleeps {@code delay} and returns {@code name}. */
    @Async
    static Coroutine<String> work(String name, double delay) {
        await(sleep(delay));
        return result(name);
    }

    /** Sleeps {@code delay}, then throws {@code failure}. */
    @Async
    static Coroutine<String> failingAfter(double delay, RuntimeException failure) {
        await(sleep(delay));
        throw failure;
    }

    /** Sleeps long and, when cancelled, throws {@code failure} instead of the {@link CancelledError}. */
    @Async
    static Coroutine<String> failsWhenCancelled(RuntimeException failure) {
        try {
            await(sleep(10));
        } catch (CancelledError cancelled) {
            throw failure;
        }
        return result("unreached");
    }

    /** Awaits {@code awaitable} and returns its result. */
    @Async
    static Coroutine<Object> awaits(Awaitable<?> awaitable) {
        return result(await(awaitable));
    }
}
