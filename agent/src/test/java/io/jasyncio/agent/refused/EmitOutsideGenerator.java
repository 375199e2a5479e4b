// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** An emit in an @Async method that returns Coroutine, not AsyncGenerator: it has no consumer to hand values to. */
public class EmitOutsideGenerator {
    @Async
    static Coroutine<Void> notAGenerator() {
        emit(1); // <- emit in a coroutine
        return result(null);
    }
}
