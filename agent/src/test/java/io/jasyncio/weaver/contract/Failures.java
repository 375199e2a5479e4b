// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * Exceptions thrown by {@code @Async} methods after real suspensions; a comment {@code // <- name}
 * marks each line that a stack trace must show.
 */
public class Failures {
    @Async
    public static Coroutine<Void> throwsAfterSuspensions() {
        await(sleep(0)); // <- first line of throwsAfterSuspensions
        await(sleep(0));
        await(sleep(0));
        throw new IllegalStateException("thrown after three suspensions"); // <- throw after suspensions
    }

    @Async
    public static Coroutine<Void> throwsAtOnce() {
        throw new IllegalStateException("thrown before any suspension"); // <- throw at once
    }

    /** Resumed twice, then awaits a child that throws before it suspends, so it runs inline. */
    @Async
    public static Coroutine<Void> awaitsChildThatThrowsInline() {
        await(sleep(0));
        await(sleep(0));
        await(throwsAtOnce()); // <- await of inline child
        return result(null);
    }

    /** Awaits a child that suspends three times and throws after its third resume. */
    @Async
    public static Coroutine<Void> awaitsChildThatThrowsAfterResume() {
        await(sleep(0));
        await(throwsAfterSuspensions()); // <- await of resumed child
        return result(null);
    }

    /** Three awaits deep: each level suspends once, then awaits the next, which runs inline at first. */
    @Async
    public static Coroutine<Void> outermost() {
        await(sleep(0));
        await(middle()); // <- await of middle
        return result(null);
    }

    @Async
    static Coroutine<Void> middle() {
        await(sleep(0));
        await(awaitsChildThatThrowsAfterResume()); // <- await of the awaiter
        return result(null);
    }
}
