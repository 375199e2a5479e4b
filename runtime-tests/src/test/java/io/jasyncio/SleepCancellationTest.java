// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a task that sleeps. A sleeping task has no future of its own (it is its own entry in
 * the timer queue), so these tests hold it to what asyncio does with the future that its
 * {@code sleep} awaits. Each expected trace is what CPython 3.11 printed for the same program, with
 * times on a fake clock where CPython's were real.
 */
class SleepCancellationTest extends LoopTestSupport {
    private final FakeClock clock = new FakeClock();

    /** Sleeps {@code delay}; if cancelled, traces it and then rethrows, or sleeps {@code resleep}. */
    @Async
    Coroutine<String> sleeper(double delay, Double resleep) {
        trace("a sleeps at " + now());
        try {
            await(sleep(delay));
        } catch (CancelledError cancelled) {
            trace("a got CancelledError(" + cancelled.getMessage() + ") at " + now());
            if (resleep == null) {
                throw cancelled;
            }
            await(sleep(resleep));
        }
        trace("a woke at " + now());
        return result("a");
    }

    private static String now() {
        double time = getRunningLoop().time();
        return time == Math.rint(time) ? String.valueOf((long) time) : String.valueOf(time);
    }

    @Async
    Coroutine<Void> cancelBetweenCallbacks() {
        EventLoop loop = getRunningLoop();
        Task<String> task = createTask(sleeper(10, null));
        await(sleep(0));
        loop.callSoon(() -> trace("callback before cancel"));
        trace("cancel -> " + task.cancel("m1"));
        loop.callSoon(() -> trace("callback after cancel"));
        try {
            await(task);
        } catch (CancelledError expected) {
            trace("a cancelled: " + task.cancelled());
        }
        return result(null);
    }

    @Test
    void theCancelledSleeperRunsWhereTheCancelPutItInTheReadyQueue() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelBetweenCallbacks()));
        assertTrace("a sleeps at 0", "cancel -> true", "callback before cancel", "a got CancelledError(m1) at 0",
                "callback after cancel", "a cancelled: true");
    }

    @Async
    Coroutine<Void> cancelTwice() {
        Task<String> task = createTask(sleeper(10, null));
        await(sleep(0));
        trace("cancel m1 -> " + task.cancel("m1") + ", cancel m2 -> " + task.cancel("m2")
                + ", cancelling " + task.cancelling());
        try {
            await(task);
        } catch (CancelledError cancelled) {
            trace("awaiter got CancelledError(" + cancelled.getMessage() + ")");
        }
        return result(null);
    }

    @Test
    void theFirstCancellationsMessageWins() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelTwice()));
        assertTrace("a sleeps at 0", "cancel m1 -> true, cancel m2 -> true, cancelling 2",
                "a got CancelledError(m1) at 0", "awaiter got CancelledError(m1)");
    }

    @Async
    Coroutine<Void> cancelAndSleepAgain(double resleep) {
        Task<String> task = createTask(sleeper(10, resleep));
        await(sleep(1));
        task.cancel("wake");
        trace("a result " + await(task));
        await(sleep(30));
        trace("main ends at " + now());
        return result(null);
    }

    /** The first sleep's timer entry stays queued after the cancellation and must wake nothing. */
    @Test
    void aSleepAfterACancelledOneEndsAtItsOwnDeadlineBeforeTheOldOne() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelAndSleepAgain(2)));
        assertTrace("a sleeps at 0", "a got CancelledError(wake) at 1", "a woke at 3", "a result a", "main ends at 33");
    }

    @Test
    void aSleepAfterACancelledOneEndsAtItsOwnDeadlineAfterTheOldOne() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelAndSleepAgain(20)));
        assertTrace("a sleeps at 0", "a got CancelledError(wake) at 1", "a woke at 21", "a result a", "main ends at 51");
    }

    /**
     * Both the sleeper's timer and a canceller's come due in one iteration (a callback blocked the
     * loop past both). If the canceller runs first, asyncio cancels the sleep's pending future and the
     * wake-up goes where the cancel was; if it runs second, the timer has completed the future, the
     * wake-up is already queued, and the cancellation waits for the step.
     */
    @Async
    Coroutine<Void> cancelAtTheDeadline(double cancellerOffset) {
        EventLoop loop = getRunningLoop();
        Task<Void> task = createTask(sleepsOneSecond());
        await(sleep(0));
        loop.callLater(1 + cancellerOffset, () -> {
            loop.callSoon(() -> trace("callback before cancel"));
            trace("cancel -> " + task.cancel("late"));
            loop.callSoon(() -> trace("callback after cancel"));
        });
        loop.callLater(0.5, () -> clock.advance(0.7));
        try {
            await(task);
        } catch (CancelledError expected) {
            trace("a cancelled: " + task.cancelled());
        }
        return result(null);
    }

    @Async
    Coroutine<Void> sleepsOneSecond() {
        try {
            await(sleep(1));
        } catch (CancelledError cancelled) {
            trace("a got CancelledError(" + cancelled.getMessage() + ")");
            throw cancelled;
        }
        trace("a woke");
        return result(null);
    }

    @Test
    void aCancelBeforeTheDueTimersCallbackWakesTheSleeperWhereItWasCalled() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelAtTheDeadline(-0.001)));
        assertTrace("cancel -> true", "callback before cancel", "a got CancelledError(late)", "callback after cancel",
                "a cancelled: true");
    }

    @Test
    void aCancelAfterTheDueTimersCallbackFindsTheWakeUpQueued() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(cancelAtTheDeadline(0.001)));
        assertTrace("cancel -> true", "a got CancelledError(late)", "callback before cancel", "callback after cancel",
                "a cancelled: true");
    }

    @Async
    Coroutine<Void> cancelsItselfThenSleeps() {
        currentTask().cancel("self");
        try {
            await(sleep(5));
        } catch (CancelledError cancelled) {
            trace("got CancelledError(" + cancelled.getMessage() + ") after " + now() + " s");
            throw cancelled;
        }
        return result(null);
    }

    @Async
    Coroutine<Void> selfCancellation() {
        Task<Void> task = createTask(cancelsItselfThenSleeps());
        getRunningLoop().callSoon(() -> trace("callback"));
        try {
            await(task);
        } catch (CancelledError expected) {
            trace("cancelled");
        }
        return result(null);
    }

    /** A cancellation pending when the task reaches its sleep ends the sleep at once, in the next iteration. */
    @Test
    void aPendingCancellationEndsTheSleepAtOnce() throws Exception {
        runTest(clock, loop -> loop.runUntilComplete(selfCancellation()));
        assertTrace("callback", "got CancelledError(self) after 0 s", "cancelled");
    }

    @Async
    Coroutine<Integer> sleepsFor(double seconds) {
        await(sleep(seconds));
        trace("woke after " + seconds);
        return result(1);
    }

    /**
     * Enough cancelled sleeps that the loop compacts its timer queue: the sleepers left wake in
     * deadline order, each at its own time.
     */
    @Test
    void sleepersLeftAfterTheTimerQueueIsCompactedWakeInDeadlineOrder() throws Exception {
        runTest(clock, loop -> {
            List<Task<Integer>> cancelled = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                cancelled.add(loop.createTask(sleepsFor(100 + i)));
            }
            Task<Integer> late = loop.createTask(sleepsFor(7.5));
            Task<Integer> early = loop.createTask(sleepsFor(2.5));
            runOnce(loop);
            cancelled.forEach(Task::cancel);
            loop.runUntilComplete(late);
            assertEquals(7.5, loop.time());
            assertEquals(1, early.result());
            cancelled.forEach(task -> assertEquals(true, task.cancelled()));
        });
        assertTrace("woke after 2.5", "woke after 7.5");
    }
}
