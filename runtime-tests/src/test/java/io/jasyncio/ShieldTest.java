// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.shield;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.annotations.Async;
import io.jasyncio.junit.AsyncTest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shield(awaitable)}, asyncio's {@code shield}: the awaiter's cancellation does not reach the
 * inner one. Written as {@link AsyncTest}s: each test is the main task of a fresh loop on virtual time.
 */
class ShieldTest {
    private final List<String> trace = new ArrayList<>();

    @Async
    Coroutine<String> work(String name, double delay) {
        await(sleep(delay));
        trace.add(name + " finished at " + getRunningLoop().time());
        return result(name);
    }

    @Async
    Coroutine<Object> awaits(Awaitable<?> awaitable) {
        try {
            return result(await(awaitable));
        } catch (CancelledError cancelled) {
            trace.add("awaiter cancelled at " + getRunningLoop().time());
            throw cancelled;
        }
    }

    @AsyncTest
    @Async
    Coroutine<Void> cancellingTheAwaiterLeavesTheShieldedWorkRunning() {
        Task<String> inner = createTask(work("inner", 1));
        Task<Object> awaiter = createTask(awaits(shield(inner)));
        getRunningLoop().callLater(0.5, awaiter::cancel);
        try {
            await(awaiter);
            fail("the awaiter was cancelled");
        } catch (CancelledError expected) {
            trace.add("main saw the cancellation");
        }
        assertEquals("inner", await(inner));
        assertEquals(List.of("awaiter cancelled at 0.5", "main saw the cancellation", "inner finished at 1.0"), trace);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> shieldGivesTheInnerResultAndException() {
        IllegalStateException failure = new IllegalStateException("inner failed");
        Future<String> succeeds = getRunningLoop().createFuture();
        Future<String> fails = getRunningLoop().createFuture();
        Future<String> shieldedSuccess = shield(succeeds);
        Future<String> shieldedFailure = shield(fails);
        succeeds.setResult("value");
        fails.setException(failure);
        assertEquals("value", await(shieldedSuccess));
        try {
            await(shieldedFailure);
            fail("the shield gives the inner exception");
        } catch (IllegalStateException thrown) {
            assertSame(failure, thrown);
        }
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> cancellingTheInnerCancelsTheShield() {
        Future<String> inner = getRunningLoop().createFuture();
        Future<String> shielded = shield(inner);
        inner.cancel();
        await(sleep(0));
        assertTrue(shielded.cancelled());
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> shieldOfADoneFutureIsTheFutureItself() {
        Future<String> done = getRunningLoop().createFuture();
        done.setResult("done");
        assertSame(done, shield(done));
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> shieldOfACoroutineRunsItInATask() {
        Future<String> shielded = shield(work("work", 0.1));
        trace.add("shielded by a new task: " + (currentTask() != null));
        assertEquals("work", await(shielded));
        assertEquals(List.of("shielded by a new task: true", "work finished at 0.1"), trace);
        return result(null);
    }
}
