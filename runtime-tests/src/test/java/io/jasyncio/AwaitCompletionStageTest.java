// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code await} of any {@link CompletionStage}, woven: a done {@link CompletableFuture} continues
 * at once, others are brought to the loop's thread; exceptions arrive as thrown, cancellation as
 * {@link CancelledError}, both ways.
 */
class AwaitCompletionStageTest extends LoopTestSupport {
    /** Completes stages from another thread a little later, as real work would. */
    private static final Executor LATER = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);

    @Async
    Coroutine<String> awaitStage(CompletionStage<String> stage) {
        String value = await(stage);
        return result(value);
    }

    @Async
    Coroutine<String> awaitAndTraceIterations(CompletionStage<String> stage) {
        EventLoop loop = Asyncio.getRunningLoop();
        loop.callSoon(() -> trace("next iteration"));
        String value = await(stage);
        trace("got " + value);
        return result(value);
    }

    @Test
    void aDoneCompletableFutureContinuesWithoutSuspending() throws Exception {
        runTest(loop -> assertEquals("ready", loop.runUntilComplete(awaitAndTraceIterations(
                CompletableFuture.completedFuture("ready")))));
        assertTrace("got ready", "next iteration");
    }

    @Test
    void aStageCompletedByAnotherThreadResumesTheTaskOnTheLoopThread() throws Exception {
        runTest(Clock.system(), loop -> {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<String> completedElsewhere = CompletableFuture.supplyAsync(
                    () -> Thread.currentThread() == loopThread ? "on the loop thread" : "elsewhere", LATER);
            assertEquals("elsewhere", loop.runUntilComplete(awaitStage(completedElsewhere)));
            assertEquals("minimal", loop.runUntilComplete(awaitStage(
                    CompletableFuture.supplyAsync(() -> "minimal", LATER).minimalCompletionStage())));
        });
    }

    @Async
    Coroutine<Throwable> catchFrom(CompletionStage<String> stage) {
        try {
            await(stage);
            return result(null);
        } catch (Exception expected) { // await declares no checked exception, yet throws the IOException itself
            return result(expected);
        }
    }

    @Test
    void anExceptionArrivesAsItWasThrownWithoutJavasWrapper() throws Exception {
        IOException failure = new IOException("disk");
        runTest(Clock.system(), loop -> {
            assertSame(failure, loop.runUntilComplete(catchFrom(CompletableFuture.failedFuture(failure))));
            CompletableFuture<String> failsLater = CompletableFuture.supplyAsync(() -> {
                throw new CompletionException(failure);
            }, LATER);
            assertSame(failure, loop.runUntilComplete(catchFrom(failsLater)));
        });
    }

    @Async
    Coroutine<String> catchCancellation(CompletionStage<String> stage) {
        try {
            await(stage);
            return result("not cancelled");
        } catch (CancelledError expected) {
            return result("CancelledError");
        }
    }

    @Test
    void aCancelledCompletableFutureIsACancelledErrorAtTheAwait() throws Exception {
        runTest(loop -> {
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            cancelled.cancel(false);
            assertEquals("CancelledError", loop.runUntilComplete(catchCancellation(cancelled)));
            CompletableFuture<String> cancelledLater = new CompletableFuture<>();
            loop.callSoon(() -> cancelledLater.cancel(false));
            assertEquals("CancelledError", loop.runUntilComplete(catchCancellation(cancelledLater)));
        });
    }

    @Async
    Coroutine<Void> cancelTheAwaiter(CompletableFuture<String> stage) {
        Task<String> awaiter = createTask(awaitStage(stage));
        await(sleep(0));
        awaiter.cancel();
        trace("stage cancelled after cancel(): " + stage.isCancelled());
        await(sleep(0));
        trace("stage cancelled an iteration later: " + stage.isCancelled());
        try {
            await(awaiter);
        } catch (CancelledError expected) {
            trace("awaiter cancelled: " + awaiter.cancelled());
        }
        return result(null);
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheStageAnIterationLater() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        runTest(loop -> loop.runUntilComplete(cancelTheAwaiter(stage)));
        assertTrace(
                "stage cancelled after cancel(): false",
                "stage cancelled an iteration later: true",
                "awaiter cancelled: true");
        assertTrue(stage.isCancelled());
    }
}
