// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Helpers for the boxes: coroutines that suspend for one iteration before they return or throw. */
final class Suspend {
    private Suspend() {
    }

    /** Returns {@code value} after one loop iteration. */
    @Async
    static <T> Coroutine<T> later(T value) {
        await(sleep(0));
        return result(value);
    }

    /** Returns {@code value} without suspending. */
    @Async
    static <T> Coroutine<T> now(T value) {
        return result(value);
    }

    /** Throws {@code failure} after one loop iteration. */
    @Async
    static <T> Coroutine<T> failLater(RuntimeException failure) {
        await(sleep(0));
        throw failure;
    }

    /** Throws a checked exception after one loop iteration, as a coroutine may. */
    @Async
    static Coroutine<Void> failCheckedLater(String message) throws Exception {
        await(sleep(0));
        throw new Exception(message);
    }
}
