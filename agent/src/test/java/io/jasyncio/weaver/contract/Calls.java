// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Calls of a static and an instance {@code @Async} method whose bodies count their runs. */
public class Calls {
    /** How many bodies have started; calling an {@code @Async} method must leave it unchanged. */
    public static int bodiesRun;

    private final String greeting;

    public Calls(String greeting) {
        this.greeting = greeting;
    }

    @Async
    public static Coroutine<String> mixed(int count, long total, String name, double ratio) {
        bodiesRun++;
        await(sleep(0));
        return result(name + count + total + ratio);
    }

    @Async
    public Coroutine<String> greet(String who) {
        bodiesRun++;
        await(sleep(0));
        return result(greeting + who);
    }

    /** Calls {@link #mixed} once for each element of {@code sink} and keeps what it returns there. */
    public static void callMixed(Object[] sink) {
        for (int index = 0; index < sink.length; index++) {
            sink[index] = mixed(index, index * 3L, "name", index * 0.5);
        }
    }

    /** Calls {@link #greet} once for each element of {@code sink} and keeps what it returns there. */
    public void callGreet(Object[] sink) {
        for (int index = 0; index < sink.length; index++) {
            sink[index] = greet("world");
        }
    }
}
