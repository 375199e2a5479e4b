// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** {@code Runner} and {@code run()}: running coroutines, and shutting down in asyncio's order. */
class RunnerTest extends LoopTestSupport {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");

    @Test
    void aRunnerRunsCoroutinesOneAfterAnotherOnTheSameLoop() {
        try (Runner runner = new Runner(() -> new EventLoop(new FakeClock()))) {
            EventLoop loop = runner.getLoop();
            assertEquals("first", runner.run(sleep(1, "first")));
            assertEquals("second", runner.run(coroutine(awaited -> result(
                    Asyncio.getRunningLoop() == loop ? "second" : "another loop"))));
            assertEquals(1.0, loop.time());
            assertFalse(loop.isClosed());
            runner.close();
            assertTrue(loop.isClosed());
        }
    }

    @Test
    void aValueSetByOneRunIsSeenByTheNextButNotByTheCaller() {
        try (Runner runner = new Runner(() -> new EventLoop(new FakeClock()))) {
            runner.run(coroutine(awaited -> {
                REQUEST.set("set by the first run");
                return null;
            }));
            assertEquals("set by the first run", runner.run(coroutine(awaited -> result(REQUEST.get()))));
        }
        assertEquals("caller's", REQUEST.get("caller's"));
    }

    @Test
    void closeCancelsTheTasksLeftAndLetsThemCleanUpBeforeClosingTheLoop() {
        List<String> events = new ArrayList<>();
        EventLoop loop;
        try (Runner runner = new Runner(() -> new EventLoop(new FakeClock()))) {
            loop = runner.getLoop();
            runner.run(coroutine(awaited -> {
                Asyncio.createTask(new CleansUpWhenCancelled(events, null), "leftover");
                return sleep(0);
            }));
            events.add("main returned, loop closed: " + loop.isClosed());
        }
        events.add("runner closed, loop closed: " + loop.isClosed());
        assertEquals(List.of(
                "leftover waits",
                "main returned, loop closed: false",
                "leftover cancelled",
                "leftover cleaned up at 1.0",
                "runner closed, loop closed: true"), events);
    }

    @Test
    void aTaskThatFailsWhileCancelledIsReportedToTheExceptionHandler() {
        IllegalStateException failure = new IllegalStateException("cleanup failed");
        List<Map<String, Object>> reports = new ArrayList<>();
        List<Task<?>> leftover = new ArrayList<>();
        try (Runner runner = new Runner(() -> new EventLoop(new FakeClock()))) {
            runner.getLoop().setExceptionHandler((loop, context) -> reports.add(context));
            runner.run(coroutine(awaited -> {
                leftover.add(Asyncio.createTask(new CleansUpWhenCancelled(new ArrayList<>(), failure)));
                return sleep(0);
            }));
        }
        assertEquals(1, reports.size());
        assertEquals("unhandled exception during asyncio.run() shutdown", reports.get(0).get("message"));
        assertSame(failure, reports.get(0).get("exception"));
        assertSame(leftover.get(0), reports.get(0).get("task"));
    }

    @Test
    void aClosedRunnerRefusesToRunAndClosingAgainDoesNothing() {
        Runner runner = new Runner(() -> new EventLoop(new FakeClock()));
        runner.close(); // never used: nothing to close
        assertEquals("x", runner.run(sleep(0, "x")));
        runner.close();
        runner.close();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> runner.run(sleep(0)));
        assertEquals("Runner is closed", error.getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    @Test
    void runningFromARunningLoopFailsAtOnce() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                Runner runner = new Runner();
                trace(assertThrows(IllegalStateException.class, () -> runner.run(sleep(0))).getMessage());
                trace(assertThrows(IllegalStateException.class, () -> Asyncio.run(sleep(0))).getMessage());
                trace(assertThrows(IllegalStateException.class, () -> Asyncio.run(sleep(0), true)).getMessage());
            });
            runOnce(loop);
        });
        assertTrace(
                "Runner.run() cannot be called from a running event loop",
                "run() cannot be called from a running event loop",
                "run() cannot be called from a running event loop");
    }

    @Test
    void runWithDebugRunsTheLoopInDebugMode() {
        Boolean inDebugMode = Asyncio.run(coroutine(awaited -> result(Asyncio.getRunningLoop().getDebug())), true);
        Boolean byDefault = Asyncio.run(coroutine(awaited -> result(Asyncio.getRunningLoop().getDebug())));
        assertTrue(inDebugMode);
        assertFalse(byDefault);
        try (Runner runner = new Runner(true)) {
            assertTrue(runner.getLoop().getDebug());
        }
    }

    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void runCancelsATaskLeftSleepingInsteadOfWaitingForIt() {
        assertEquals("main", Asyncio.run(coroutine(awaited -> {
            Asyncio.createTask(sleep(3600));
            return result("main");
        })));
    }

    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void closeWaitsForTheJobsOfTheDefaultExecutor() {
        AtomicBoolean jobEnded = new AtomicBoolean();
        EventLoop loop;
        try (Runner runner = new Runner()) {
            loop = runner.getLoop();
            runner.run(coroutine(awaited -> {
                Asyncio.getRunningLoop().runInExecutor(null, () -> {
                    TimeUnit.MILLISECONDS.sleep(50);
                    jobEnded.set(true);
                    return null;
                });
                return null;
            }));
        }
        assertTrue(jobEnded.get());
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> null));
    }

    /**
     * Waits for an hour; when cancelled, notes it, sleeps a second to clean up, then either rethrows
     * the cancellation or fails with {@code cleanupFailure}.
     */
    private static final class CleansUpWhenCancelled extends HandWrittenCoroutine<Void> {
        private static final int AFTER_WAIT = 1;
        private static final int AFTER_CLEANUP = 2;

        private final List<String> events;
        private final RuntimeException cleanupFailure;
        private CancelledError cancellation;

        CleansUpWhenCancelled(List<String> events, RuntimeException cleanupFailure) {
            this.events = events;
            this.cleanupFailure = cleanupFailure;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    events.add("leftover waits");
                    return await(AFTER_WAIT, sleep(3600));
                case AFTER_WAIT:
                    try {
                        awaited();
                    } catch (CancelledError cancelled) {
                        events.add("leftover cancelled");
                        cancellation = cancelled;
                        return await(AFTER_CLEANUP, sleep(1));
                    }
                    return finish(null);
                case AFTER_CLEANUP:
                    awaited();
                    events.add("leftover cleaned up at " + Asyncio.getRunningLoop().time());
                    if (cleanupFailure != null) {
                        throw cleanupFailure;
                    }
                    throw cancellation;
                default:
                    throw badLabel(label);
            }
        }
    }

    /**
     * As asyncio 3.11's Runner, a runner takes Ctrl-C only in the main thread and only from the JVM's
     * default handling; a program's own SIGINT handler is left alone, and is there again afterwards.
     */
    @Test
    void aRunnerTakesCtrlCOnlyInTheMainThreadAndOnlyFromTheJvmsDefault() throws Exception {
        assertEquals("main", Thread.currentThread().getName(), "JUnit runs this test in the main thread");
        SignalHandler own = signal -> { };
        SignalHandler original = Signal.handle(INTERRUPT, own);
        try {
            assertEquals("the program's own", handlerSeenInsideRun(own));
            assertSame(own, Signal.handle(INTERRUPT, original));
            List<String> seenInWorker = new ArrayList<>();
            Thread worker = new Thread(() -> seenInWorker.add(handlerSeenInsideRun(own)));
            worker.start();
            worker.join();
            assertEquals(List.of("the JVM's"), seenInWorker);
            assertEquals("a runner's", handlerSeenInsideRun(own));
            assertEquals("the JVM's", describe(currentHandler(), own));
        } finally {
            Signal.handle(INTERRUPT, original);
        }
    }

    private static final Signal INTERRUPT = new Signal("INT");

    private static String handlerSeenInsideRun(SignalHandler own) {
        try (Runner runner = new Runner()) {
            return runner.run(coroutine(awaited -> result(describe(currentHandler(), own))));
        }
    }

    /** The SIGINT handler now, read by swapping it out and back. */
    private static SignalHandler currentHandler() {
        SignalHandler current = Signal.handle(INTERRUPT, SignalHandler.SIG_DFL);
        Signal.handle(INTERRUPT, current);
        return current;
    }

    private static String describe(SignalHandler handler, SignalHandler own) {
        if (handler == own) {
            return "the program's own";
        }
        return handler instanceof InterruptHandler ? "a runner's" : "the JVM's";
    }

    /** As Python's Runner, every run shares one context: a token set in one run resets in the next. */
    @Test
    void aTokenSetInOneRunResetsInTheNext() {
        ContextVar<String> variable = new ContextVar<>("v");
        try (Runner runner = new Runner()) {
            ContextVar.Token<String> token = runner.run(coroutine(awaited -> result(variable.set("first run"))));
            assertEquals("first run", runner.run(coroutine(awaited -> result(variable.get("none")))));
            runner.run(coroutine(awaited -> {
                variable.reset(token);
                return result(null);
            }));
            assertEquals("none", runner.run(coroutine(awaited -> result(variable.get("none")))));
        }
    }
}
