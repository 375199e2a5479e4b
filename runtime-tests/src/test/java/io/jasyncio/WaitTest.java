// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.ALL_COMPLETED;
import static io.jasyncio.Asyncio.FIRST_COMPLETED;
import static io.jasyncio.Asyncio.FIRST_EXCEPTION;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.TestCoroutines.failingAfter;
import static io.jasyncio.TestCoroutines.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Asyncio.wait(futures, timeout, returnWhen)}, asyncio's {@code wait}: it never cancels anything. */
class WaitTest extends LoopTestSupport {
    /** Waits for three tasks that end at 0.1 (fails if asked), 0.2 and 0.3, and describes the outcome. */
    @Async
    Coroutine<String> waitForThree(Number timeout, ReturnWhen returnWhen, boolean firstFails) {
        Task<String> first = createTask(firstFails ? failingAfter(0.1, new IllegalStateException("failed")) : work("first", 0.1));
        Task<String> second = createTask(work("second", 0.2));
        Task<String> third = createTask(work("third", 0.3));
        DoneAndPending<Task<String>> outcome = await(Asyncio.wait(List.of(first, second, third), timeout, returnWhen));
        String description = "at " + getRunningLoop().time() + " done " + names(outcome.done())
                + " pending " + names(outcome.pending());
        await(sleep(1));
        assertFalse(third.cancelled(), "wait() cancels nothing");
        return result(description);
    }

    private static String names(Set<Task<String>> tasks) {
        return tasks.stream().map(task -> task.failed() ? "failed" : task.done() ? task.result() : "?").toList().toString();
    }

    @Test
    void allCompletedWaitsForEveryFuture() throws Exception {
        assertEquals("at 0.3 done [first, second, third] pending []", runMain(waitForThree(null, ALL_COMPLETED, false)));
    }

    @Test
    void firstCompletedReturnsAfterTheFirstFuture() throws Exception {
        assertEquals("at 0.1 done [first] pending [?, ?]", runMain(waitForThree(null, FIRST_COMPLETED, false)));
    }

    @Test
    void firstExceptionReturnsAfterTheFirstFailure() throws Exception {
        assertEquals("at 0.1 done [failed] pending [?, ?]", runMain(waitForThree(null, FIRST_EXCEPTION, true)));
    }

    @Test
    void firstExceptionWithoutFailuresWaitsForAll() throws Exception {
        assertEquals("at 0.3 done [first, second, third] pending []", runMain(waitForThree(null, FIRST_EXCEPTION, false)));
    }

    @Test
    void timeoutReturnsWhatIsDoneAndCancelsNothing() throws Exception {
        assertEquals("at 0.25 done [first, second] pending [?]", runMain(waitForThree(0.25, ALL_COMPLETED, false)));
    }

    @Test
    void firstExceptionIgnoresACancelledFuture() throws Exception {
        runTest(loop -> {
            Future<String> cancelled = loop.createFuture();
            Future<String> later = loop.createFuture();
            loop.callLater(0.1, cancelled::cancel);
            loop.callLater(0.2, () -> later.setResult("later"));
            DoneAndPending<Future<String>> outcome =
                    loop.runUntilComplete(Asyncio.wait(List.of(cancelled, later), null, FIRST_EXCEPTION));
            assertEquals(Set.of(cancelled, later), outcome.done());
            assertEquals(0.2, loop.time());
        });
    }

    @Async
    Coroutine<String> waitsForDoneFutures(Future<String> done) {
        trace("wait starts");
        await(Asyncio.wait(List.of(done, done)));
        trace("wait returns");
        return result("x");
    }

    @Test
    void waitForFuturesDoneAlreadyStillSuspendsUntilTheirCallbacksRan() throws Exception {
        runTest(loop -> {
            Future<String> done = loop.createFuture();
            done.setResult("done");
            loop.createTask(waitsForDoneFutures(done));
            runTracingIterations(loop, 3);
        });
        assertTrace("--- iteration 1", "wait starts", "--- iteration 2", "--- iteration 3", "wait returns");
    }

    @Test
    void cancellingTheWaitingTaskCancelsNoneOfTheFutures() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<DoneAndPending<Future<String>>> waiting = loop.createTask(Asyncio.wait(List.of(future)));
            runOnce(loop);
            waiting.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(waiting));
            assertFalse(future.done());
        });
    }

    @Test
    void emptyCollectionIsRefusedWhenAwaited() throws Exception {
        Coroutine<DoneAndPending<Future<String>>> waiting = Asyncio.wait(List.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> runMain(waiting));
        assertEquals("Set of Tasks/Futures is empty.", refused.getMessage());
    }
}
