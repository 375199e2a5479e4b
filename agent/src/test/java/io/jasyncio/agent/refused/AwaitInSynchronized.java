// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** An await inside a {@code synchronized} block of an {@code @Async} method, which the weaver refuses. */
public class AwaitInSynchronized {
    private static final Object LOCK = new Object();

    @Async
    static Coroutine<Integer> holdsLock() {
        synchronized (LOCK) {
            await(sleep(0)); // <- await in synchronized
        }
        return result(1);
    }
}
