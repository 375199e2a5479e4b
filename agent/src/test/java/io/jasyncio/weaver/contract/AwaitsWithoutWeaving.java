// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * Code that reaches {@code await} when its class is loaded without weaving, as the test loads it; a
 * comment {@code // <- name} marks each await.
 */
public class AwaitsWithoutWeaving {
    @Async
    public static Coroutine<Integer> sleepsThenAnswers() {
        await(sleep(0)); // <- await in async method
        return result(42);
    }

    /** What a user may write around an await; unwoven, the failure still gets through, as an Error. */
    @Async
    public static Coroutine<String> catchesEveryException() {
        try {
            await(sleep(0)); // <- await inside catch Exception
            return result("carried on");
        } catch (Exception swallowed) {
            return result("swallowed " + swallowed);
        }
    }

    /** Not {@code @Async}: even woven, its await stays as javac wrote it. */
    public static Object awaitsInPlainMethod() {
        return await(sleep(0, "never")); // <- await in plain method
    }
}
