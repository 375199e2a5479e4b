// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.TestCoroutines.awaits;
import static io.jasyncio.TestCoroutines.failsWhenCancelled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of cancellation, one group of tests per rule of the spec's section 8, with woven
 * coroutines. Combinators have their own tests; here the awaited objects are sleeps, futures, tasks
 * and gathers.
 */
class CancellationTest extends LoopTestSupport {
    /** Sleeps {@code delay}, tracing where the cancellation arrives, and rethrows it. */
    @Async
    Coroutine<String> sleeper(String name, double delay) {
        trace(name + " sleeps");
        try {
            await(sleep(delay));
        } catch (CancelledError cancelled) {
            trace(name + " got CancelledError(" + cancelled.getMessage() + ")");
            throw cancelled;
        }
        trace(name + " woke");
        return result(name);
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 1: CancelledError is an Error, so catch (Exception e) does not swallow it.

    @Async
    Coroutine<String> catchesEveryException() {
        try {
            await(sleep(10));
            return result("slept");
        } catch (Exception e) {
            trace("caught " + e);
            return result("caught");
        }
    }

    @Test
    void catchingExceptionDoesNotCatchACancellation() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(catchesEveryException());
            runOnce(loop);
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
        });
        assertTrace();
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 2: cancel() only requests; the error arrives at the await in a later iteration.

    @Test
    void cancelOnlyRequestsAndTheErrorArrivesAtTheAwaitInTheNextIteration() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleeper("task", 10));
            runOnce(loop);
            trace("cancel() -> " + task.cancel());
            trace("cancelled() " + task.cancelled() + ", done() " + task.done() + ", cancelling() " + task.cancelling());
            runOnce(loop);
            trace("cancelled() " + task.cancelled() + ", done() " + task.done());
        });
        assertTrace("task sleeps", "cancel() -> true", "cancelled() false, done() false, cancelling() 1",
                "task got CancelledError(null)", "cancelled() true, done() true");
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 3: delivered by cancelling the awaited future, or, with no future awaited, by the next step.

    @Test
    void cancellingATaskThatAwaitsAFutureCancelsTheFutureAtOnce() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<Object> task = loop.createTask(awaits(future));
            runOnce(loop);
            task.cancel("stop");
            assertTrue(future.cancelled(), "the future is the delivery");
            assertEquals("stop", assertThrows(CancelledError.class, future::result).getMessage());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
    }

    @Async
    Coroutine<String> yieldsTwice() {
        await(sleep(0));
        trace("after the first yield");
        try {
            await(sleep(0));
        } catch (CancelledError cancelled) {
            trace("CancelledError at the second yield");
            throw cancelled;
        }
        return result("unreached");
    }

    @Test
    void cancelWhileTheStepIsQueuedThrowsAtTheNextStep() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(yieldsTwice());
            runIterations(loop, 2);
            trace("cancel with the step queued");
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
        });
        assertTrace("after the first yield", "cancel with the step queued", "CancelledError at the second yield");
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 4: the awaited object is cancelled too: a task, a gather and its children.

    @Test
    void cancellingATaskCancelsTheTaskItAwaitsFirst() throws Exception {
        runTest(loop -> {
            Task<String> inner = loop.createTask(sleeper("inner", 10));
            Task<Object> outer = loop.createTask(awaits(inner));
            runOnce(loop);
            outer.cancel("from outer");
            assertEquals(1, inner.cancelling(), "the cancel was forwarded");
            runIterations(loop, 2);
            assertTrue(inner.cancelled());
            assertTrue(outer.cancelled());
        });
        assertTrace("inner sleeps", "inner got CancelledError(from outer)");
    }

    @Test
    void cancellingATaskThatAwaitsAGatherCancelsEveryChild() throws Exception {
        runTest(loop -> {
            Task<String> first = loop.createTask(sleeper("first", 10));
            Task<String> second = loop.createTask(sleeper("second", 20));
            Task<Object> outer = loop.createTask(awaits(gather(true, first, second)));
            runOnce(loop);
            outer.cancel();
            runIterations(loop, 3);
            assertTrue(first.cancelled());
            assertTrue(second.cancelled());
            assertTrue(outer.cancelled(), "even with returnExceptions the cancellation propagates");
        });
        assertTrace("first sleeps", "second sleeps", "first got CancelledError(null)", "second got CancelledError(null)");
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 5, for sleep: a cancelled sleep cancels its timer (locks and queues: their own tests).

    @Test
    void cancelledSleepLeavesNoTimerBehind() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleeper("task", 10));
            runOnce(loop);
            task.cancel();
            runIterations(loop, 2); // the next iteration drops the cancelled timer
            trace(loop.toString());
        });
        assertTrace("task sleeps", "task got CancelledError(null)",
                "EventLoop[running=false closed=false ready=0 timers=0]");
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 6: finally blocks run and may await; a second cancel interrupts such an await; an exception
    // raised while handling the cancellation replaces it.

    @Async
    Coroutine<String> cleansUpSlowly() {
        try {
            await(sleep(10));
            return result("unreached");
        } finally {
            trace("finally starts, cancelling() = " + currentTask().cancelling());
            try {
                await(sleep(1));
                trace("cleanup done");
            } catch (CancelledError again) {
                trace("cleanup interrupted");
                throw again;
            }
        }
    }

    @Test
    void finallyBlockRunsAndMayAwait() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(cleansUpSlowly());
            runOnce(loop);
            task.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals(1.0, loop.time(), "the cleanup slept its second");
        });
        assertTrace("finally starts, cancelling() = 1", "cleanup done");
    }

    @Test
    void secondCancelInterruptsTheAwaitInAFinallyBlock() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(cleansUpSlowly());
            runOnce(loop);
            task.cancel();
            runOnce(loop);
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
            assertEquals(2, task.cancelling());
        });
        assertTrace("finally starts, cancelling() = 1", "cleanup interrupted");
    }

    @Test
    void exceptionThrownWhileHandlingTheCancellationReplacesIt() throws Exception {
        IllegalStateException failure = new IllegalStateException("cleanup failed");
        runTest(loop -> {
            Task<String> task = loop.createTask(failsWhenCancelled(failure));
            runOnce(loop);
            task.cancel();
            runOnce(loop);
            assertFalse(task.cancelled());
            assertSame(failure, task.exception());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 7: a swallowed cancellation lets the coroutine go on; cancelling() stays until uncancel().

    @Async
    Coroutine<String> swallowsTheCancellation() {
        try {
            await(sleep(10));
        } catch (CancelledError swallowed) {
            trace("swallowed, cancelling() = " + currentTask().cancelling());
        }
        await(sleep(1));
        trace("slept again at " + Asyncio.getRunningLoop().time() + ", cancelling() = " + currentTask().cancelling());
        trace("uncancel() -> " + currentTask().uncancel() + ", again -> " + currentTask().uncancel());
        return result("returned normally");
    }

    @Test
    void swallowedCancellationLetsTheTaskContinueAndReturn() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(swallowsTheCancellation());
            runOnce(loop);
            task.cancel();
            assertEquals("returned normally", loop.runUntilComplete(task));
            assertFalse(task.cancelled());
        });
        assertTrace("swallowed, cancelling() = 1", "slept again at 1.0, cancelling() = 1", "uncancel() -> 0, again -> 0");
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 8: the message reaches the await, the awaited tasks, and the first reader of the task.

    @Test
    void cancelMessageReachesTheAwaitAndTheFirstReaderOnly() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleeper("task", 10));
            runOnce(loop);
            task.cancel("reason");
            runOnce(loop);
            CancelledError first = assertThrows(CancelledError.class, task::result);
            CancelledError second = assertThrows(CancelledError.class, task::result);
            assertEquals("reason", first.getMessage(), "the error that ended the coroutine");
            assertNull(second.getMessage(), "3.11 keeps no message for a task cancelled by its coroutine");
        });
        assertTrace("task sleeps", "task got CancelledError(reason)");
    }

    @Test
    void awaiterOfACancelledTaskGetsTheErrorThatEndedIt() throws Exception {
        runTest(loop -> {
            Task<String> inner = loop.createTask(sleeper("inner", 10));
            Task<Object> awaiter = loop.createTask(awaits(inner));
            runOnce(loop);
            inner.cancel("reason");
            runIterations(loop, 2);
            CancelledError seen = assertThrows(CancelledError.class, awaiter::result);
            assertEquals("reason", seen.getMessage());
        });
    }

    @Test
    void gatherWithReturnExceptionsRecordsTheMessageOfAFutureAndNoneOfATask() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<String> task = loop.createTask(sleeper("task", 10));
            Future<List<Object>> gathered = gather(true, future, task);
            runOnce(loop);
            future.cancel("future's reason");
            task.cancel("task's reason");
            List<Object> results = loop.runUntilComplete(gathered);
            assertEquals("future's reason", assertInstanceOf(CancelledError.class, results.get(0)).getMessage());
            assertEquals("", assertInstanceOf(CancelledError.class, results.get(1)).getMessage());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Rule 9: before the start, twice, when done, from itself, in the step that returns.

    @Async
    Coroutine<String> neverStarts() {
        try {
            trace("body runs");
            await(sleep(0));
        } finally {
            trace("finally runs");
        }
        return result("unreached");
    }

    @Test
    void cancelBeforeTheStartRunsNoneOfTheBodyNotEvenItsFinally() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(neverStarts());
            assertTrue(task.cancel());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertTrue(task.cancelled());
        });
        assertTrace();
    }

    @Test
    void twoCancelsBeforeDeliveryMakeOneCancelledErrorAndCountTwo() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleeper("task", 10));
            runOnce(loop);
            assertTrue(task.cancel());
            assertTrue(task.cancel());
            assertEquals(2, task.cancelling());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
        assertTrace("task sleeps", "task got CancelledError(null)");
    }

    @Test
    void cancelOfADoneTaskReturnsFalseAndCountsNothing() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleeper("task", 0));
            loop.runUntilComplete(task);
            assertFalse(task.cancel());
            assertEquals(0, task.cancelling());
            assertEquals("task", task.result());
        });
    }

    @Async
    Coroutine<String> cancelsItself() {
        trace("cancel() of itself -> " + currentTask().cancel());
        trace("still running");
        try {
            await(sleep(0));
        } catch (CancelledError cancelled) {
            trace("CancelledError at the next await");
            throw cancelled;
        }
        return result("unreached");
    }

    @Test
    void selfCancelIsRaisedAtTheNextAwait() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(cancelsItself());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        });
        assertTrace("cancel() of itself -> true", "still running", "CancelledError at the next await");
    }

    @Async
    Coroutine<String> cancelsItselfAndReturns() {
        currentTask().cancel("too late");
        return result("dropped");
    }

    @Test
    void cancelInTheStepThatReturnsCancelsTheTaskAndDropsTheResult() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(cancelsItselfAndReturns());
            runOnce(loop);
            assertTrue(task.cancelled());
            assertEquals("too late", assertThrows(CancelledError.class, task::result).getMessage());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // createTask inside a coroutine: cancelling a child does not cancel its creator.

    @Async
    Coroutine<String> createsAndCancelsAChild() {
        Task<String> child = createTask(sleeper("child", 10));
        await(sleep(0));
        child.cancel();
        try {
            await(child);
        } catch (CancelledError cancelled) {
            trace("creator sees the child's CancelledError");
        }
        return result("creator " + (currentTask().cancelling() == 0 ? "not cancelled" : "cancelled"));
    }

    @Test
    void cancellingAChildDoesNotCancelItsCreator() throws Exception {
        assertEquals("creator not cancelled", runMain(createsAndCancelsAChild()));
        assertTrace("child sleeps", "child got CancelledError(null)", "creator sees the child's CancelledError");
    }
}
