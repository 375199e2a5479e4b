// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.function.Executable;

/** The event loop driven with plain callbacks: iterations, timers, running, closing and errors. */
class EventLoopTest extends LoopTestSupport {
    /** How long a test waits for another thread before it gives up: a bound, not a timing assertion. */
    private static final long PATIENCE_SECONDS = 10;

    // ---------------------------------------------------------------------------------------------
    // Ready queue

    @Test
    void callbacksScheduledDuringAnIterationRunInTheNext() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                trace("first");
                loop.callSoon(() -> trace("scheduled by first"));
            });
            loop.callSoon(() -> trace("second"));
            runTracingIterations(loop, 2);
        });
        assertTrace("--- iteration 1", "first", "second", "--- iteration 2", "scheduled by first");
    }

    @Test
    void callSoonRunsCallbacksInFifoOrder() throws Exception {
        runTest(loop -> {
            for (int i = 0; i < 5; i++) {
                String name = "callback " + i;
                loop.callSoon(() -> trace(name));
            }
            runOnce(loop);
        });
        assertTrace("callback 0", "callback 1", "callback 2", "callback 3", "callback 4");
    }

    @Test
    void cancelledHandleIsSkipped() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> trace("before"));
            Handle cancelled = loop.callSoon(() -> trace("cancelled"));
            loop.callSoon(() -> trace("after"));
            cancelled.cancel();
            assertTrue(cancelled.cancelled());
            runOnce(loop);
        });
        assertTrace("before", "after");
    }

    @Test
    void handleCancelledByAnEarlierCallbackOfTheSameIterationIsSkipped() throws Exception {
        runTest(loop -> {
            Handle[] victim = new Handle[1];
            loop.callSoon(() -> {
                trace("canceller");
                victim[0].cancel();
            });
            victim[0] = loop.callSoon(() -> trace("victim"));
            loop.callSoon(() -> trace("bystander"));
            runOnce(loop);
        });
        assertTrace("canceller", "bystander");
    }

    @Test
    void stopBeforeRunForeverRunsExactlyOneIteration() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                trace("iteration 1");
                loop.callSoon(() -> trace("iteration 2"));
            });
            loop.stop();
            loop.runForever();
            assertFalse(loop.isRunning());
        });
        assertTrace("iteration 1");
    }

    @Test
    void iterationRunAfterStopDoesNotWaitForTimers() throws Exception {
        runTest(loop -> {
            loop.callLater(1, () -> trace("timer"));
            runOnce(loop);
            assertEquals(0.0, loop.time());
        });
        assertTrace();
    }

    @Test
    void stopFinishesTheCurrentIterationBeforeRunForeverReturns() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                trace("stopper");
                loop.stop();
                loop.callSoon(() -> trace("next iteration"));
            });
            loop.callSoon(() -> trace("same iteration"));
            loop.runForever();
            trace("runForever returned");
        });
        assertTrace("stopper", "same iteration", "runForever returned");
    }

    // ---------------------------------------------------------------------------------------------
    // Timers

    @Test
    void timersRunInDeadlineOrder() throws Exception {
        runTest(loop -> {
            loop.callLater(0.3, () -> trace("0.3"));
            loop.callLater(0.1, () -> trace("0.1"));
            loop.callAt(0.25, () -> trace("at 0.25"));
            loop.callLater(0.2, () -> trace("0.2"));
            loop.callLater(0.4, loop::stop);
            loop.runForever();
        });
        assertTrace("0.1", "0.2", "at 0.25", "0.3");
    }

    /** CPython leaves the order of equal deadlines to its heap; jasyncio refines it to scheduling order. */
    @Test
    void timersWithEqualDeadlinesRunInSchedulingOrder() throws Exception {
        runTest(loop -> {
            double when = loop.time() + 0.01;
            for (int i = 0; i < 8; i++) {
                String name = "timer " + i;
                loop.callAt(when, () -> trace(name));
            }
            loop.callAt(when + 0.02, () -> {
                trace("later");
                loop.stop();
            });
            loop.runForever();
        });
        assertTrace("timer 0", "timer 1", "timer 2", "timer 3", "timer 4", "timer 5", "timer 6", "timer 7", "later");
    }

    @Test
    void dueTimersRunBehindTheCallbacksAlreadyReady() throws Exception {
        runTest(loop -> {
            loop.callLater(0, () -> trace("timer(0)"));
            loop.callLater(-1, () -> trace("timer(-1)"));
            loop.callSoon(() -> trace("soon-1"));
            loop.callSoon(() -> trace("soon-2"));
            runOnce(loop);
        });
        assertTrace("soon-1", "soon-2", "timer(-1)", "timer(0)");
    }

    @Test
    void timerWithANegativeDelayIsDueAtOnce() throws Exception {
        runTest(loop -> {
            TimerHandle timer = loop.callLater(-5, () -> trace("ran at " + loop.time()));
            assertEquals(-5.0, timer.when());
            runOnce(loop);
        });
        assertTrace("ran at 0.0");
    }

    @Test
    void cancelledTimerNeverRuns() throws Exception {
        runTest(loop -> {
            TimerHandle first = loop.callLater(0.1, () -> trace("cancelled first"));
            loop.callLater(0.2, () -> trace("kept"));
            TimerHandle middle = loop.callLater(0.3, () -> trace("cancelled middle"));
            loop.callLater(0.4, loop::stop);
            first.cancel();
            middle.cancel();
            assertTrue(first.cancelled());
            loop.runForever();
        });
        assertTrace("kept");
    }

    @Test
    void timerCancelledAfterComingDueIsSkipped() throws Exception {
        runTest(loop -> {
            TimerHandle[] victim = new TimerHandle[1];
            loop.callLater(0.1, () -> {
                trace("canceller");
                victim[0].cancel();
            });
            victim[0] = loop.callLater(0.1, () -> trace("victim"));
            loop.callLater(0.1, () -> trace("bystander"));
            loop.callLater(0.2, loop::stop);
            loop.runForever();
        });
        assertTrace("canceller", "bystander");
    }

    /** More than 100 timers, most of them cancelled, makes the loop rebuild its timer queue. */
    @Test
    void manyCancelledTimersAreDroppedAndTheOthersRunInOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        runTest(loop -> {
            for (int i = 1; i <= 300; i++) {
                String name = "timer " + i;
                TimerHandle timer = loop.callLater(i, () -> trace(name));
                if (i % 4 == 0) {
                    expected.add(name);
                } else {
                    timer.cancel();
                }
            }
            loop.callLater(301, loop::stop);
            loop.runForever();
        });
        assertTrace(expected);
    }

    @Test
    @Timeout(value = PATIENCE_SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void timerWithAnInfiniteDelayNeverRunsAndHoldsUpNoOtherTimer() throws Exception {
        FakeClock clock = new FakeClock();
        clock.advance(1);
        runTest(clock, loop -> {
            loop.callLater(Double.POSITIVE_INFINITY, this::expectUnreached);
            loop.callLater(1e12, this::expectUnreached); // 31,700 years
            loop.callLater(1, () -> {
                trace("stopped at " + loop.time());
                loop.stop();
            });
            loop.runForever();
        });
        assertTrace("stopped at 2.0");
    }

    @Test
    void fakeTimeAdvancesExactlyToTheNextDeadline() throws Exception {
        runTest(loop -> {
            assertEquals(0.0, loop.time());
            TimerHandle timer = loop.callLater(1.5, () -> trace("timer at " + loop.time()));
            loop.callAt(2.25, () -> {
                trace("callAt at " + loop.time());
                loop.stop();
            });
            assertEquals(1.5, timer.when());
            loop.runForever();
        });
        assertTrace("timer at 1.5", "callAt at 2.25");
    }

    // ---------------------------------------------------------------------------------------------
    // Threads

    @Test
    void callSoonThreadsafeWakesALoopWaitingWithNothingToDo() throws Exception {
        assertCallSoonThreadsafeWakes(Thread.State.WAITING, loop -> { });
    }

    @Test
    void callSoonThreadsafeWakesALoopWaitingForAFarTimer() throws Exception {
        assertCallSoonThreadsafeWakes(Thread.State.TIMED_WAITING, loop -> loop.callLater(3600, this::expectUnreached));
    }

    /**
     * Runs a loop on the system clock in a thread of its own until it parks in {@code state}, then
     * schedules a callback from this thread and expects it to run in the loop's thread and stop it.
     */
    private void assertCallSoonThreadsafeWakes(Thread.State state, LoopBody setUp) throws Exception {
        runTest(Clock.system(), loop -> {
            setUp.run(loop);
            Thread loopThread = new Thread(loop::runForever, "loop");
            loopThread.setDaemon(true); // left parked, should the loop never wake
            loopThread.start();
            awaitState(loopThread, state);
            Thread[] ranIn = new Thread[1];
            loop.callSoonThreadsafe(() -> {
                ranIn[0] = Thread.currentThread();
                loop.stop();
            });
            loopThread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertFalse(loopThread.isAlive(), "the loop was not woken");
            assertSame(loopThread, ranIn[0]);
        });
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread " + thread.getName() + " is " + thread.getState() + ", not " + state);
            }
            Thread.sleep(1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // runUntilComplete

    @Test
    void runUntilCompleteReturnsTheResult() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callLater(1, () -> future.setResult("result"));
            assertEquals("result", loop.runUntilComplete(future));
            assertEquals(1.0, loop.time());
        });
    }

    @Test
    void runUntilCompleteRethrowsTheSameExceptionObject() throws Exception {
        IOException failure = new IOException("checked, and not wrapped");
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callSoon(() -> future.setException(failure));
            assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(future)));
        });
    }

    @Test
    void runUntilCompleteFailsWhenTheLoopStopsBeforeTheFutureIsDone() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callSoon(loop::stop);
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));
            assertEquals("Event loop stopped before Future completed.", error.getMessage());
            assertFalse(future.done());
        });
    }

    @Test
    void runUntilCompleteRejectsAFutureOfAnotherLoop() throws Exception {
        runTest(loop -> {
            EventLoop other = new EventLoop(new FakeClock());
            Future<String> foreign = other.createFuture();
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(foreign));
            assertEquals("The future belongs to a different loop than the one specified", error.getMessage());
        });
    }

    @Test
    void runningTheLoopFromOneOfItsCallbacksFails() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                expect(1);
                assertFailsBecauseRunning(loop::runForever);
                assertFailsBecauseRunning(() -> loop.runUntilComplete(loop.createFuture()));
                expect(2);
            });
            runOnce(loop);
            finish(3);
        });
    }

    private static void assertFailsBecauseRunning(Executable nestedRun) {
        IllegalStateException error = assertThrows(IllegalStateException.class, nestedRun);
        assertEquals("This event loop is already running", error.getMessage());
    }

    @Test
    void getRunningLoopIsTheLoopOnlyWhileItRuns() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> trace("running loop is this loop: " + (EventLoop.getRunningLoop() == loop)));
            runOnce(loop);
            IllegalStateException error = assertThrows(IllegalStateException.class, EventLoop::getRunningLoop);
            assertEquals("no running event loop", error.getMessage());
        });
        assertTrace("running loop is this loop: true");
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Test
    void closedLoopRefusesToScheduleOrRun() throws Exception {
        runTest(loop -> {
            loop.close();
            assertTrue(loop.isClosed());
            Map<String, Executable> operations = Map.of(
                    "callSoon", () -> loop.callSoon(this::expectUnreached),
                    "callSoonThreadsafe", () -> loop.callSoonThreadsafe(this::expectUnreached),
                    "callLater", () -> loop.callLater(1, this::expectUnreached),
                    "callAt", () -> loop.callAt(1, this::expectUnreached),
                    "createTask", () -> loop.createTask(Asyncio.sleep(0)),
                    "runForever", loop::runForever,
                    "runUntilComplete", () -> loop.runUntilComplete(Asyncio.sleep(0)));
            operations.forEach((name, operation) -> {
                IllegalStateException error = assertThrows(IllegalStateException.class, operation, name);
                assertEquals("Event loop is closed", error.getMessage(), name);
            });
        });
    }

    @Test
    void closeIsIdempotentButRefusedWhileRunning() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                expect(1);
                IllegalStateException error = assertThrows(IllegalStateException.class, loop::close);
                assertEquals("Cannot close a running event loop", error.getMessage());
            });
            runOnce(loop);
            finish(2);
            loop.close();
            loop.close();
            assertTrue(loop.isClosed());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    @Test
    void exceptionInACallbackGoesToTheExceptionHandlerAndTheLoopGoesOn() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("boom");
        List<Map<String, Object>> reports = new ArrayList<>();
        runTest(loop -> {
            loop.setExceptionHandler((reporter, context) -> {
                trace("handler called by its loop: " + (reporter == loop));
                reports.add(context);
            });
            Handle failing = loop.callSoon(() -> {
                trace("failing");
                throw failure;
            });
            loop.callSoon(() -> trace("same iteration"));
            runOnce(loop);
            loop.callSoon(() -> trace("next iteration"));
            runOnce(loop);
            assertEquals(1, reports.size());
            Map<String, Object> context = reports.get(0);
            assertEquals("Exception in callback " + failing.describeCallback(), context.get("message"));
            assertSame(failure, context.get("exception"));
            assertSame(failing, context.get("handle"));
        });
        assertTrace("failing", "handler called by its loop: true", "same iteration", "next iteration");
    }
}
