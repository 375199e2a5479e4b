// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.result;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** A synchronized @Async method without an await, which the weaver refuses: the monitor would protect nothing. */
public class SynchronizedWithoutAwait {
    private static int count;

    @Async
    static synchronized Coroutine<Integer> increment() {
        count++; // <- synchronized without await
        return result(count);
    }
}
