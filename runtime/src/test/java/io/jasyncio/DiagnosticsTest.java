// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.GarbageCollection.collectUntil;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The loop's diagnostics: the default exception handler's format, failures never retrieved,
 * and debug mode's warnings about slow callbacks, coroutines never awaited and calls from other
 * threads.
 */
class DiagnosticsTest extends LoopTestSupport {
    // ---------------------------------------------------------------------------------------------
    // Exception handler

    @Test
    void theDefaultHandlerLogsTheMessageThenTheOtherKeysInKeyOrderWithTheStackTrace() {
        IllegalStateException failure = new IllegalStateException("boom");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "Something failed");
        context.put("task", "the task");
        context.put("exception", failure);
        context.put("future", "the future");
        try (LogRecorder log = new LogRecorder()) {
            new EventLoop(new FakeClock()).callExceptionHandler(context);
            List<LogRecord> records = log.records("SEVERE: Something failed");
            assertEquals(1, records.size());
            assertEquals(Level.SEVERE, records.get(0).getLevel());
            assertEquals("Something failed\nfuture: the future\ntask: the task", records.get(0).getMessage());
            assertSame(failure, records.get(0).getThrown());
        }
    }

    @Test
    void withoutAMessageTheDefaultHandlerSaysSo() {
        try (LogRecorder log = new LogRecorder()) {
            new EventLoop(new FakeClock()).callExceptionHandler(Map.of());
            assertEquals(List.of("SEVERE: Unhandled exception in event loop"), log.lines("SEVERE: Unhandled"));
        }
    }

    @Test
    void aHandlerThatThrowsIsReportedByTheDefaultHandler() {
        EventLoop loop = new EventLoop(new FakeClock());
        IllegalStateException handlerFailure = new IllegalStateException("handler failed");
        loop.setExceptionHandler((reporter, context) -> {
            throw handlerFailure;
        });
        try (LogRecorder log = new LogRecorder()) {
            loop.callExceptionHandler(Map.of("message", "original"));
            String expected = "SEVERE: Unhandled error in exception handler\ncontext: {message=original}";
            assertEquals(List.of(expected), log.lines("SEVERE: Unhandled"));
            assertSame(handlerFailure, log.records(expected).get(0).getThrown());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Exceptions never retrieved

    @Test
    void aTaskExceptionNeverRetrievedIsReportedOnceTheTaskIsCollected() throws Exception {
        List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
        IllegalStateException failure = new IllegalStateException("unseen");
        runTest(loop -> {
            loop.setExceptionHandler((reporter, context) -> reports.add(context));
            String failedTask = startTaskThatFails(loop, failure);
            collectUntil("the report", () -> {
                runOnce(loop);
                return !reports.isEmpty();
            });
            assertEquals("Task exception was never retrieved", reports.get(0).get("message"));
            assertSame(failure, reports.get(0).get("exception"));
            assertEquals(failedTask, reports.get(0).get("future"));
            assertEquals(1, reports.size());
        });
    }

    /** Starts a task that fails with {@code failure} and runs it; returns how it looked then, but not the task. */
    private String startTaskThatFails(EventLoop loop, RuntimeException failure) {
        Task<Object> task = loop.createTask(coroutine(awaited -> {
            throw failure;
        }), "failing");
        runOnce(loop);
        assertTrue(task.done());
        return task.toString();
    }

    @Test
    void aFutureExceptionNeverRetrievedIsLoggedIfTheLoopIsClosed() throws Exception {
        EventLoop loop = new EventLoop(new FakeClock());
        failFuture(loop, new IllegalStateException("unseen by aFutureExceptionNeverRetrievedIsLoggedIfTheLoopIsClosed"));
        loop.close();
        try (LogRecorder log = new LogRecorder()) {
            String expected = "SEVERE: Future exception was never retrieved\nfuture: Future[finished exception="
                    + "java.lang.IllegalStateException: unseen by aFutureExceptionNeverRetrievedIsLoggedIfTheLoopIsClosed]";
            // Futures that other tests dropped may be reported meanwhile: only this one is looked for.
            collectUntil("the log record", () -> log.lines(expected).size() == 1);
        }
    }

    private static void failFuture(EventLoop loop, RuntimeException failure) {
        loop.createFuture().setException(failure);
    }

    @Test
    void readingTheExceptionAwaitingItOrCancellingRetrievesIt() throws Exception {
        runTest(loop -> {
            List<Future<String>> failed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                failed.add(loop.createFuture());
            }
            Task<Object> awaiting = loop.createTask(coroutine(awaited -> failed.get(3)));
            runOnce(loop);
            for (int i = 0; i < 4; i++) {
                failed.get(i).setException(new IllegalStateException("failure " + i));
            }
            assertEquals(4, loop.unretrievedExceptions().size());

            failed.get(0).exception();
            assertThrows(IllegalStateException.class, failed.get(1)::result);
            assertFalse(failed.get(2).cancel());
            runOnce(loop);
            assertTrue(awaiting.done());
            assertEquals(List.of("Task exception was never retrieved"),
                    loop.unretrievedExceptions().stream().map(report -> report.get("message")).toList());
            assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(awaiting));
            assertEquals(List.of(), loop.unretrievedExceptions());
        });
    }

    @Test
    void aRetrievedExceptionIsNeverReported() throws Exception {
        List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
        runTest(loop -> {
            loop.setExceptionHandler((reporter, context) -> reports.add(context));
            retrieveFailureOfACollectableTask(loop);
            failFuture(loop, new IllegalStateException("not retrieved, to know when the collector has run"));
            collectUntil("the report of the other future", () -> {
                runOnce(loop);
                return !reports.isEmpty();
            });
            assertEquals(List.of("Future exception was never retrieved"),
                    reports.stream().map(report -> report.get("message")).toList());
        });
    }

    private static void retrieveFailureOfACollectableTask(EventLoop loop) {
        Task<Object> task = loop.createTask(coroutine(awaited -> {
            throw new IllegalStateException("retrieved");
        }));
        runOnce(loop);
        task.exception();
    }

    // ---------------------------------------------------------------------------------------------
    // Debug mode

    @Test
    void debugModeIsOffByDefaultAndTheSlowCallbackDurationIsATenthOfASecond() {
        EventLoop loop = new EventLoop(new FakeClock());
        assertFalse(loop.getDebug());
        assertEquals(0.1, loop.getSlowCallbackDuration());
    }

    @Test
    void debugModeWarnsAboutCallbacksAndStepsThatRunTooLong() throws Exception {
        FakeClock clock = new FakeClock();
        try (LogRecorder log = new LogRecorder()) {
            runTest(clock, loop -> {
                loop.setDebug(true);
                Handle slow = loop.callSoon(() -> clock.advance(0.15));
                loop.callSoon(() -> clock.advance(0.099));
                Task<Object> task = loop.createTask(coroutine(awaited -> {
                    clock.advance(0.25);
                    return null;
                }), "busy");
                runOnce(loop);
                assertEquals(List.of(
                        "WARNING: Executing " + slow + " took 0.150 seconds",
                        "WARNING: Executing " + task + " took 0.250 seconds"), log.lines("WARNING: Executing"));
            });
        }
    }

    @Test
    void withoutDebugModeOrUnderTheDurationNothingIsLogged() throws Exception {
        FakeClock clock = new FakeClock();
        try (LogRecorder log = new LogRecorder()) {
            runTest(clock, loop -> {
                loop.callSoon(() -> clock.advance(10));
                runOnce(loop);
                loop.setDebug(true);
                loop.setSlowCallbackDuration(0.5);
                loop.callSoon(() -> clock.advance(0.4));
                runOnce(loop);
            });
            assertEquals(List.of(), log.lines("WARNING: Executing"));
        }
    }

    @Test
    void debugModeWarnsAboutACoroutineCreatedWhileItRunsAndNeverAwaited() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(loop -> {
                loop.setDebug(true);
                loop.callSoon(this::createTwoSleepsAndAwaitOne);
                runOnce(loop);
                loop.runUntilComplete(awaitedSleep);
                awaitedSleep = null;
            });
            collectUntil("the warning", () -> !log.lines("WARNING: coroutine").isEmpty());
            Thread.sleep(100); // time for a second warning, about the awaited sleep, which must not come
            List<String> lines = log.lines("WARNING: coroutine");
            assertEquals(1, lines.size(), lines.toString());
            String[] warning = lines.get(0).split("\n");
            assertEquals("WARNING: coroutine 'sleep' was never awaited", warning[0]);
            assertEquals("Coroutine created at (most recent call last)", warning[1]);
            assertTrue(warning[warning.length - 1].startsWith(
                    "  at io.jasyncio.DiagnosticsTest.createTwoSleepsAndAwaitOne(DiagnosticsTest.java:"), lines.get(0));
        }
        assertFalse(NeverAwaitedReport.tracking, "tracking ends when the debug loop stops");
    }

    /** The one of {@link #createTwoSleepsAndAwaitOne} that is awaited. */
    private Task<Void> awaitedSleep;

    private void createTwoSleepsAndAwaitOne() {
        sleep(1);
        awaitedSleep = Asyncio.createTask(sleep(0));
    }

    @Test
    void withoutDebugModeCoroutinesAreNotWatched() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> trace("tracking: " + NeverAwaitedReport.tracking));
            runOnce(loop);
        });
        assertTrace("tracking: false");
    }

    @Test
    void inDebugModeSchedulingFromAnotherThreadFails() throws Exception {
        runTest(Clock.system(), loop -> {
            loop.setDebug(true);
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            loop.callSoon(() -> new Thread(() -> {
                try {
                    loop.callSoon(this::expectUnreached);
                    failure.complete(null);
                } catch (Throwable expected) {
                    failure.complete(expected);
                }
                loop.callSoonThreadsafe(loop::stop);
            }).start());
            loop.runForever();
            Throwable error = failure.get(10, TimeUnit.SECONDS);
            assertEquals(IllegalStateException.class, error.getClass());
            assertEquals("Non-thread-safe operation invoked on an event loop other than the current one", error.getMessage());
        });
    }
}
