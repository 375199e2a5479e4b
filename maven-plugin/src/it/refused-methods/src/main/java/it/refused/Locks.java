// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.refused;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Awaits that would hold a monitor while the task is suspended, and synchronized on @Async methods, whose bodies never run inside the monitor. */
public class Locks {
    private final Object lock = new Object();

    @Async
    Coroutine<Void> inBlock() {
        synchronized (lock) {
            await(sleep(0)); // expect: await inside a synchronized block
        }
        return result(null);
    }

    @Async
    synchronized Coroutine<Void> inMethod() {
        await(sleep(0)); // expect: a synchronized @Async method: a coroutine body never runs
        return result(null);
    }

    private int count;

    @Async
    synchronized Coroutine<Integer> withoutAwait() {
        count++; // expect: a synchronized @Async method: a coroutine body never runs
        return result(count);
    }
}
