// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.timeout;
import static io.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user sees of an exception that crossed awaits: each user frame once, in await order, with
 * its line; a cancellation shown at the task's own awaits with where {@code cancel()} was called as
 * its cause; a timeout that says what was pending.
 */
class AsyncStackTraceTest extends LoopTestSupport {
    private static String frame(String method, String marker) {
        return SourceLines.frame(AsyncStackTraceTest.class, method, marker);
    }

    @Async
    static Coroutine<String> fetch() {
        await(sleep(10)); // <- fetch sleeps
        return result("fetched");
    }

    @Async
    static Coroutine<String> client() {
        return result(await(fetch())); // <- client awaits fetch
    }

    @Async
    static Coroutine<Void> cancelLater(Task<?> task) {
        await(sleep(1));
        task.cancel(); // <- cancel called
        return result(null);
    }

    @Async
    static Coroutine<Void> failsDeep(int depth) {
        if (depth == 0) {
            await(sleep(0));
            throw new IllegalArgumentException("at the bottom"); // <- thrown at the bottom
        }
        await(failsDeep(depth - 1)); // <- awaits one level deeper
        return result(null);
    }

    /**
     * The trace as text, down to the first frame of the runtime below the user's frames, followed by
     * its causes the same way, each under a {@code Caused by:} line as Java prints them.
     */
    private static List<String> trace(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            lines.add((cause == thrown ? "" : "Caused by: ") + cause);
            for (StackTraceElement element : cause.getStackTrace()) {
                if (StackTraces.isRuntimeClass(element.getClassName()) || element.getClassName().startsWith("org.junit")) {
                    lines.add("\t...");
                    break;
                }
                lines.add("\tat " + element);
            }
        }
        return lines;
    }

    @Test
    void anExceptionThroughFiveAwaitsShowsEachUserFrameOnceWithItsLine() throws Exception {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> runMain(failsDeep(4)));
        String deeper = "\tat " + frame("failsDeep", "awaits one level deeper");
        assertEquals(List.of("java.lang.IllegalArgumentException: at the bottom",
                "\tat " + frame("failsDeep", "thrown at the bottom"), deeper, deeper, deeper, deeper, "\t..."),
                trace(thrown));
    }

    @Test
    void aCancelledTaskShowsItsOwnChainOfAwaitsAndWhereCancelWasCalled() throws Exception {
        runTest(loop -> {
            Task<String> worker = loop.createTask(client(), "worker");
            Task<Void> canceller = loop.createTask(cancelLater(worker), "canceller");
            loop.runUntilComplete(canceller);
            CancelledError cancelled = assertThrows(CancelledError.class, () -> loop.runUntilComplete(worker));
            assertEquals(List.of("io.jasyncio.CancelledError",
                    "\tat " + frame("fetch", "fetch sleeps"),
                    "\tat " + frame("client", "client awaits fetch"),
                    "\t...",
                    "Caused by: io.jasyncio.CancelCall: cancel() of worker called in task canceller at "
                            + frame("cancelLater", "cancel called"),
                    "\tat " + frame("cancelLater", "cancel called"),
                    "\t..."), trace(cancelled));
        });
    }

    @Test
    void aTimeoutSaysWhatWasPendingAndItsCauseIsTheCancelledAwait() throws Exception {
        TimeoutException thrown = assertThrows(TimeoutException.class, () -> runMain(timeout(0.5, () -> client())));
        assertEquals(List.of("io.jasyncio.TimeoutException: timed out after 0.5 s in fetch (AsyncStackTraceTest.java:"
                        + SourceLines.lineOf(AsyncStackTraceTest.class, "fetch sleeps") + ")"),
                trace(thrown).subList(0, 1));
        assertEquals(List.of("io.jasyncio.CancelledError",
                "\tat " + frame("fetch", "fetch sleeps"),
                "\tat " + frame("client", "client awaits fetch"),
                "\t...",
                "Caused by: io.jasyncio.CancelCall: cancel() of Task-N called outside any task at"
                        + " io.jasyncio.Timeout.onTimeout(Timeout.java:N)",
                "\t..."), trace(thrown.getCause()).stream()
                        .map(line -> line.startsWith("Caused by") // the runtime's line and the task's number vary
                                ? line.replaceAll("Task-\\d+", "Task-N").replaceAll("Timeout.java:\\d+", "Timeout.java:N") : line)
                        .toList());
    }

    @Test
    void waitForSaysWhatWasPendingInTheTaskItStarted() throws Exception {
        TimeoutException thrown = assertThrows(TimeoutException.class, () -> runMain(waitFor(client(), 0.25)));
        assertEquals("timed out after 0.25 s in fetch (AsyncStackTraceTest.java:"
                + SourceLines.lineOf(AsyncStackTraceTest.class, "fetch sleeps") + ")", thrown.getMessage());
    }
}
