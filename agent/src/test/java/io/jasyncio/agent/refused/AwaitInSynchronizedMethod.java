// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** An await in a synchronized @Async method, which the weaver refuses. */
public class AwaitInSynchronizedMethod {
    @Async
    static synchronized Coroutine<Integer> locked() {
        await(sleep(0)); // <- await in synchronized method
        return result(1);
    }
}
