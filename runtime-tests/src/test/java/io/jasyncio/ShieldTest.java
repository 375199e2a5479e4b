// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.shield;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** {@code shield(awaitable)}, asyncio's {@code shield}: the awaiter's cancellation does not reach the inner one. */
class ShieldTest extends LoopTestSupport {
    @Async
    Coroutine<String> work(String name, double delay) {
        await(sleep(delay));
        trace(name + " finished at " + getRunningLoop().time());
        return result(name);
    }

    @Async
    Coroutine<Object> awaits(Awaitable<?> awaitable) {
        try {
            return result(await(awaitable));
        } catch (CancelledError cancelled) {
            trace("awaiter cancelled at " + getRunningLoop().time());
            throw cancelled;
        }
    }

    @Test
    void cancellingTheAwaiterLeavesTheShieldedWorkRunning() throws Exception {
        runTest(loop -> {
            Task<String> inner = loop.createTask(work("inner", 1));
            Task<Object> awaiter = loop.createTask(awaits(shield(inner)));
            loop.callLater(0.5, awaiter::cancel);
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiter));
            assertEquals("inner", loop.runUntilComplete(inner));
        });
        assertTrace("awaiter cancelled at 0.5", "inner finished at 1.0");
    }

    @Test
    void shieldGivesTheInnerResultAndException() throws Exception {
        IllegalStateException failure = new IllegalStateException("inner failed");
        runTest(loop -> {
            Future<String> succeeds = loop.createFuture();
            Future<String> fails = loop.createFuture();
            Future<String> shieldedSuccess = shield(succeeds);
            Future<String> shieldedFailure = shield(fails);
            succeeds.setResult("value");
            fails.setException(failure);
            assertEquals("value", loop.runUntilComplete(shieldedSuccess));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(shieldedFailure)));
        });
    }

    @Test
    void cancellingTheInnerCancelsTheShield() throws Exception {
        runTest(loop -> {
            Future<String> inner = loop.createFuture();
            Future<String> shielded = shield(inner);
            inner.cancel();
            runOnce(loop);
            assertTrue(shielded.cancelled());
        });
    }

    @Test
    void shieldOfADoneFutureIsTheFutureItself() throws Exception {
        runTest(loop -> {
            Future<String> done = loop.createFuture();
            done.setResult("done");
            assertSame(done, shield(done));
        });
    }

    @Async
    Coroutine<Object> shieldsACoroutine() {
        Future<String> shielded = shield(work("work", 0.1));
        trace("shielded by a new task: " + (Asyncio.currentTask() != null));
        return result(await(shielded));
    }

    @Test
    void shieldOfACoroutineRunsItInATask() throws Exception {
        assertEquals("work", runMain(shieldsACoroutine()));
        assertTrace("shielded by a new task: true", "work finished at 0.1");
    }
}
