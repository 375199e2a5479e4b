// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.refused;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.annotations.Async;

/** An await outside a coroutine, and an @Async method that returns no coroutine. */
public class Misplaced {
    static void blocking() {
        await(sleep(0)); // expect: await in a method that is neither @Async nor a lambda returning Coroutine
    }

    @Async
    static String name() {
        return "misplaced"; // expect: an @Async method must return io.jasyncio.Coroutine<T>, not java.lang.String
    }
}
