// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** {@code waitFor(awaitable, timeout)} with asyncio 3.11's semantics. */
class WaitForTest extends LoopTestSupport {
    /** Sleeps {@code delay} and returns its name, tracing its {@code finally} with the loop time. */
    @Async
    Coroutine<String> slow(String name, double delay) {
        try {
            await(sleep(delay));
            return result(name);
        } finally {
            trace(name + " finally at " + getRunningLoop().time());
        }
    }

    @Test
    void resultInTimeIsReturned() throws Exception {
        assertEquals("fast", runMain(waitFor(slow("fast", 0.1), 1)));
        assertTrace("fast finally at 0.1");
    }

    @Async
    Coroutine<String> timesOut() {
        try {
            return result(await(waitFor(slow("slow", 10), 0.2)));
        } catch (TimeoutException timeout) {
            trace("TimeoutException at " + getRunningLoop().time() + ", cause "
                    + timeout.getCause().getClass().getSimpleName());
            throw timeout;
        }
    }

    @Test
    void onTimeoutTheInnerIsCancelledAndAwaitedBeforeTheTimeoutIsThrown() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(timesOut()));
        assertInstanceOf(CancelledError.class, timeout.getCause());
        assertTrace("slow finally at 0.2", "TimeoutException at 0.2, cause CancelledError");
    }

    @Async
    Coroutine<String> swallowsTheCancellation() {
        try {
            await(sleep(10));
            return result("slept");
        } catch (CancelledError swallowed) {
            return result("swallowed and returned");
        }
    }

    @Test
    void innerThatSwallowsTheCancellationGivesItsValue() throws Exception {
        assertEquals("swallowed and returned", runMain(waitFor(swallowsTheCancellation(), 0.1)));
    }

    @Async
    Coroutine<Boolean> taskTimesOut() {
        Task<String> task = createTask(slow("task", 10));
        try {
            await(waitFor(task, 0.05));
        } catch (TimeoutException expected) {
            trace("timed out");
        }
        return result(task.cancelled());
    }

    @Test
    void taskThatTimesOutIsCancelled() throws Exception {
        assertTrue(runMain(taskTimesOut()));
        assertTrace("task finally at 0.05", "timed out");
    }

    @Async
    Coroutine<Boolean> runsInTheAwaitingTask(Task<?> awaiting) {
        return result(currentTask() == awaiting);
    }

    @Async
    Coroutine<String> whereItRuns(Number timeout) {
        return result("same task: " + await(waitFor(runsInTheAwaitingTask(currentTask()), timeout)));
    }

    @Test
    void withoutTimeoutTheCoroutineRunsInlineInTheAwaitingTask() throws Exception {
        assertEquals("same task: true", runMain(whereItRuns(null)));
    }

    @Test
    void withATimeoutTheCoroutineRunsInANewTaskAsIn311() throws Exception {
        assertEquals("same task: false", runMain(whereItRuns(1)));
    }

    @Async
    Coroutine<String> instant() {
        trace("instant runs");
        return result("instant");
    }

    @Async
    Coroutine<String> awaitsWaitForOfAnInstantCoroutine() {
        trace("main awaits");
        String value = await(waitFor(instant(), 1));
        trace("main resumed with " + value);
        return result(value);
    }

    /** Conformance 56 (3.11 column): the new task costs three iterations more than an inline await. */
    @Test
    void newTaskCostsThreeIterations() throws Exception {
        runTest(loop -> {
            loop.createTask(awaitsWaitForOfAnInstantCoroutine());
            runTracingIterations(loop, 4);
        });
        assertTrace(
                "--- iteration 1", "main awaits",
                "--- iteration 2", "instant runs",
                "--- iteration 3",
                "--- iteration 4", "main resumed with instant");
    }

    @Async
    Coroutine<String> neverRuns() {
        trace("body runs");
        return result("unreached");
    }

    @Test
    void timeoutOfZeroCancelsACoroutineBeforeItsBodyRuns() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(waitFor(neverRuns(), 0)));
        assertInstanceOf(CancelledError.class, timeout.getCause());
        assertTrace();
    }

    @Test
    void negativeTimeoutOfADoneFutureGivesItsResult() throws Exception {
        runTest(loop -> {
            Future<String> done = loop.createFuture();
            done.setResult("done already");
            assertEquals("done already", loop.runUntilComplete(waitFor(done, -1)));
        });
    }

    @Test
    void exceptionOfTheInnerPassesThroughUnchanged() throws Exception {
        IllegalStateException failure = new IllegalStateException("inner failed");
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callLater(0.1, () -> future.setException(failure));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(waitFor(future, 1))));
        });
    }

    @Test
    void cancellingTheAwaiterCancelsAndAwaitsTheInnerThenPropagates() throws Exception {
        runTest(loop -> {
            Task<String> outer = loop.createTask(waitFor(slow("inner", 10), 5));
            loop.callLater(1, () -> outer.cancel("stop"));
            CancelledError cancelled = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
            assertEquals("stop", cancelled.getMessage());
            assertEquals(1.0, loop.time());
        });
        assertTrace("inner finally at 1.0");
    }

    /** cpython#86296, as in 3.11: a cancellation that meets an inner future already done is lost. */
    @Test
    void cancellingTheAwaiterAfterTheInnerIsDoneReturnsTheResult() throws Exception {
        runTest(loop -> {
            Future<String> inner = loop.createFuture();
            Task<String> outer = loop.createTask(waitFor(inner, 5));
            runOnce(loop);
            inner.setResult("finished meanwhile");
            runOnce(loop); // releases the waiter
            outer.cancel();
            assertEquals("finished meanwhile", loop.runUntilComplete(outer));
        });
    }

    @Test
    void timeoutOfNaNIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> waitFor(sleep(1), Double.NaN));
    }
}
