// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.runCoroutineThreadsafe;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Loops on threads of their own: a {@link LoopGroup} runs a main coroutine on each and ends them
 * together, and tasks on one loop await coroutines that run on another, with cancellation crossing
 * both ways.
 */
class LoopGroupTest {
    /** What the loops did, from every loop's thread. */
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    @Async
    static Coroutine<String> whereAmI(double delay) {
        await(sleep(delay));
        return result(Thread.currentThread().getName());
    }

    @Test
    void runReturnsEachLoopsResultInLoopOrderEachOnItsOwnThread() {
        try (LoopGroup loops = new LoopGroup(3)) {
            assertEquals(List.of("jasyncio-loop-0", "jasyncio-loop-1", "jasyncio-loop-2"),
                    loops.run(index -> whereAmI(0.01 * (3 - index))));
            assertEquals(List.of("jasyncio-loop-0", "jasyncio-loop-1", "jasyncio-loop-2"),
                    loops.run(index -> whereAmI(0)), "a group runs again on the same loops");
        }
    }

    /** Fails once the others have started, so that they are cancelled while they sleep, not before their first step. */
    @Async
    Coroutine<String> failOnceStarted(List<CompletableFuture<String>> othersStarted) {
        for (CompletableFuture<String> started : othersStarted) {
            await(started);
        }
        throw new IllegalStateException("loop 0 failed");
    }


    @Async
    Coroutine<String> sleepAndCleanUp(String name) {
        return sleepAndCleanUp(name, new CompletableFuture<>(), new CompletableFuture<>());
    }

    /**
     * Completes {@code started} and sleeps an hour; cancelled, cleans up (awaiting meanwhile) and then
     * completes {@code ended}.
     */
    @Async
    Coroutine<String> sleepAndCleanUp(String name, CompletableFuture<String> started, CompletableFuture<String> ended) {
        started.complete(name);
        try {
            await(sleep(3600));
            return result("woke");
        } finally {
            trace.add(name + " cleaning up");
            await(sleep(0.01)); // a cancelled task may still await while it cleans up
            trace.add(name + " cleaned up");
            ended.complete(name);
        }
    }

    @Test
    void theFirstFailureCancelsTheOtherLoopsAndIsThrownOnceTheyHaveEnded() {
        try (LoopGroup loops = new LoopGroup(3)) {
            List<CompletableFuture<String>> othersStarted = List.of(new CompletableFuture<>(), new CompletableFuture<>());
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> loops.run(index -> index == 0 ? failOnceStarted(othersStarted)
                            : sleepAndCleanUp("loop " + index, othersStarted.get(index - 1), new CompletableFuture<>())));
            assertEquals("loop 0 failed", failure.getMessage());
            trace.sort(null);
            assertEquals(List.of("loop 1 cleaned up", "loop 1 cleaning up", "loop 2 cleaned up", "loop 2 cleaning up"),
                    trace);
        }
    }

    @Async
    Coroutine<String> leaveATaskBehind(String name) {
        createTask(sleepAndCleanUp(name));
        await(sleep(0)); // the task starts, and sleeps
        return result(name);
    }

    @Test
    void closeCancelsTheTasksLeftOnEveryLoopLetsThemCleanUpAndClosesTheLoops() {
        LoopGroup loops = new LoopGroup(2);
        assertEquals(List.of("loop 0", "loop 1"), loops.run(index -> leaveATaskBehind("loop " + index)));
        assertEquals(List.of(), trace);
        loops.close();
        trace.sort(null);
        assertEquals(List.of("loop 0 cleaned up", "loop 0 cleaning up", "loop 1 cleaned up", "loop 1 cleaning up"),
                trace);
        assertTrue(loops.loop(0).isClosed() && loops.loop(1).isClosed());
        assertThrows(IllegalStateException.class, () -> loops.run(index -> whereAmI(0)));
        loops.close(); // idempotent
    }

    @Async
    static Coroutine<String> awaitOn(EventLoop other, Coroutine<String> coroutine) {
        String value = await(runCoroutineThreadsafe(coroutine, other));
        return result(value + " for " + Thread.currentThread().getName());
    }

    @Test
    void aTaskOnOneLoopAwaitsACoroutineThatRunsOnAnother() {
        try (LoopGroup loops = new LoopGroup(2)) {
            assertEquals(List.of("jasyncio-loop-1 for jasyncio-loop-0", "jasyncio-loop-0 for jasyncio-loop-1"),
                    loops.run(index -> awaitOn(loops.loop(1 - index), whereAmI(0.01))));
        }
    }

    @Async
    Coroutine<String> cancelWhileAwaitingTheOtherLoop(EventLoop other, CompletableFuture<String> otherEnded) {
        CompletableFuture<String> otherStarted = new CompletableFuture<>();
        Task<String> awaiter = createTask(awaitOn(other, sleepAndCleanUp("on the other loop", otherStarted, otherEnded)));
        await(otherStarted); // cancelled before its first step, the other would never run its finally
        awaiter.cancel();
        try {
            await(awaiter);
        } catch (CancelledError expected) {
            trace.add("awaiter cancelled");
        }
        return result(await(otherEnded));
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheCoroutineOnTheOtherLoop() {
        CompletableFuture<String> otherEnded = new CompletableFuture<>();
        try (LoopGroup loops = new LoopGroup(2)) {
            assertEquals(List.of("on the other loop", "idle"),
                    loops.run(index -> index == 0 ? cancelWhileAwaitingTheOtherLoop(loops.loop(1), otherEnded)
                            : Asyncio.<String>result("idle")));
        }
        // the two loops run side by side: the awaiter may see its cancellation before or after the other cleans up
        trace.sort(null);
        assertEquals(List.of("awaiter cancelled", "on the other loop cleaned up", "on the other loop cleaning up"),
                trace);
    }

    @Async
    Coroutine<String> cancelItself() {
        Asyncio.currentTask().cancel();
        await(sleep(1));
        return result("not cancelled");
    }

    @Async
    Coroutine<String> awaitTheSelfCancelling(EventLoop other) {
        try {
            await(runCoroutineThreadsafe(cancelItself(), other));
            return result("no cancellation");
        } catch (CancelledError expected) {
            return result("the awaiter saw the cancellation on " + Thread.currentThread().getName());
        }
    }

    @Test
    void aCoroutineCancelledOnItsOwnLoopCancelsItsAwaiterOnTheOther() {
        try (LoopGroup loops = new LoopGroup(2)) {
            assertEquals(List.of("the awaiter saw the cancellation on jasyncio-loop-0", "idle"),
                    loops.run(index -> index == 0 ? awaitTheSelfCancelling(loops.loop(1))
                            : Asyncio.<String>result("idle")));
        }
    }

    @Async
    Coroutine<String> traced(String line) {
        trace.add(line);
        return result(line);
    }

    @Test
    void aCoroutineCancelledBeforeItsLoopStartedItNeverRuns() throws Exception {
        try (LoopGroup loops = new LoopGroup(1)) {
            EventLoop loop = loops.loop(0);
            CountDownLatch release = new CountDownLatch(1);
            loop.callSoonThreadsafe(() -> {
                try {
                    release.await(); // holds the loop so that the cancellation comes before the task's first step
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<String> submitted = runCoroutineThreadsafe(traced("body ran"), loop);
            submitted.cancel(false);
            release.countDown();
            assertEquals("marker", runCoroutineThreadsafe(traced("marker"), loop).get(10, TimeUnit.SECONDS));
            assertEquals(List.of("marker"), trace);
        }
    }

    @Test
    void runRefusesARunningLoopsThreadAndAnEmptyGroup() {
        assertThrows(IllegalArgumentException.class, () -> new LoopGroup(0));
        try (LoopGroup loops = new LoopGroup(1)) {
            IllegalStateException refused = Asyncio.run(refuseInsideLoop(loops));
            assertEquals("LoopGroup.run() cannot be called from a running event loop", refused.getMessage());
        }
    }

    @Async
    static Coroutine<IllegalStateException> refuseInsideLoop(LoopGroup loops) {
        try {
            loops.run(index -> whereAmI(0));
            return result(null);
        } catch (IllegalStateException expected) {
            return result(expected);
        }
    }
}
