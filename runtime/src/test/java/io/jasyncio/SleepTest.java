// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.WeakReference;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** {@code sleep()}: a bare yield of one iteration for zero or less, a timer otherwise. */
class SleepTest extends LoopTestSupport {
    @Test
    void taskOfSleepZeroFinishesWithItsValueInItsSecondIteration() throws Exception {
        assertTaskOfSleepFinishesInItsSecondIteration(0);
    }

    @Test
    void negativeDelayIsASleepZero() throws Exception {
        assertTaskOfSleepFinishesInItsSecondIteration(-1);
    }

    private void assertTaskOfSleepFinishesInItsSecondIteration(double delay) throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleep(delay, "x"));
            task.addDoneCallback(done -> trace("done callback sees " + done.result()));
            for (int i = 1; i <= 3; i++) {
                runOnce(loop);
                trace("after iteration " + i + ": done " + task.done());
            }
            assertEquals(0.0, loop.time());
        });
        assertTrace(
                "after iteration 1: done false",
                "after iteration 2: done true",
                "done callback sees x",
                "after iteration 3: done true");
    }

    @Test
    void awaitedSleepZeroYieldsExactlyOneIteration() throws Exception {
        runTest(loop -> {
            loop.createTask(coroutine(
                    awaited -> {
                        trace("before sleep(0)");
                        return sleep(0, "value");
                    },
                    awaited -> {
                        trace("after sleep(0), got " + awaited);
                        return null;
                    }));
            loop.callSoon(() -> loop.callSoon(() -> trace("callback scheduled in iteration 1")));
            runTracingIterations(loop, 2);
        });
        assertTrace(
                "--- iteration 1", "before sleep(0)",
                "--- iteration 2", "after sleep(0), got value", "callback scheduled in iteration 1");
    }

    @Test
    void sleepWakesItsTaskInTheIterationAfterItsTimerFires() throws Exception {
        FakeClock clock = new FakeClock();
        runTest(clock, loop -> {
            Task<String> task = loop.createTask(sleep(1, "y"));
            runOnce(loop);
            clock.advance(1);
            loop.callSoon(() -> trace("callback before the timer"));
            runOnce(loop);
            trace("after the timer's iteration: done " + task.done());
            runOnce(loop);
            trace("after the next: result " + task.result());
        });
        assertTrace("callback before the timer", "after the timer's iteration: done false", "after the next: result y");
    }

    @Test
    void sleepReturnsItsValueAtItsDeadline() throws Exception {
        runTest(loop -> {
            assertEquals("late", loop.runUntilComplete(sleep(2.5, "late")));
            assertEquals(2.5, loop.time());
        });
    }

    @Test
    void sleepStartsCountingWhenItRunsNotWhenItIsCreated() throws Exception {
        FakeClock clock = new FakeClock();
        runTest(clock, loop -> {
            Coroutine<Void> sleep = sleep(1);
            clock.advance(5);
            loop.runUntilComplete(sleep);
            assertEquals(6.0, loop.time());
        });
    }

    /** Python's {@code await asyncio.sleep(math.inf)}: sleep until cancelled. */
    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void infiniteSleepLastsUntilCancelled() throws Exception {
        FakeClock clock = new FakeClock();
        clock.advance(1);
        runTest(clock, loop -> {
            Task<Void> task = loop.createTask(sleep(Double.POSITIVE_INFINITY));
            loop.callLater(5, task::cancel);
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals(6.0, loop.time());
        });
    }

    @Test
    void sleepRefusesNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
        assertEquals("delay is NaN", error.getMessage());
    }

    /** A sleep is a coroutine: awaiting the same one twice fails, as Python's "cannot reuse already awaited coroutine". */
    @Test
    void aSleepAwaitedTwiceIsRefused() throws Exception {
        runTest(loop -> {
            Coroutine<Void> once = sleep(1);
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(coroutine(awaited -> once, awaited -> once)));
            assertEquals("cannot reuse already awaited coroutine", error.getMessage());
            assertEquals("Coroutine[sleep started] was awaited or wrapped in a task before", error.getCause().getMessage());
        });
    }

    /**
     * A cancelled sleep's timer entry is its task, which must not stay reachable through it once the
     * task has ended: a short timer queue drops the entry in the next iteration.
     */
    @Test
    void anEndedTaskIsNotKeptAliveByTheTimerEntryOfItsCancelledSleep() throws Exception {
        runTest(loop -> {
            Task<Void> heartbeat = loop.createTask(sleep(10));
            WeakReference<Task<?>> cancelled = startAndCancelASleeper(loop);
            GarbageCollection.collectUntil("the cancelled sleeper to be collected", () -> cancelled.get() == null);
            heartbeat.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(heartbeat));
        });
    }

    private static WeakReference<Task<?>> startAndCancelASleeper(EventLoop loop) {
        Task<Void> sleeper = loop.createTask(sleep(3600));
        runOnce(loop);
        sleeper.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));
        runOnce(loop);
        return new WeakReference<>(sleeper);
    }
}
