// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loop's async generator hooks: {@code run()} closes the generators left suspended after it has
 * cancelled the tasks left, reporting a failed close to the exception handler, and a generator that the
 * garbage collector finds unreachable while suspended is closed by its loop, as asyncio's hooks do.
 */
class AsyncGeneratorFinalizationTest {
    /** How long to keep collecting garbage before giving up: a bound, not a timing assertion. */
    private static final long PATIENCE_SECONDS = 10;

    private final List<String> trace = new ArrayList<>();
    private final List<Map<String, Object>> reports = new ArrayList<>();

    @Async
    AsyncGenerator<String> guarded(String name, RuntimeException failureOnClose) {
        try {
            emit(name + " v0");
            emit(name + " v1");
        } finally {
            trace.add(name + " finally");
            await(sleep(0));
            trace.add(name + " finally after await");
            if (failureOnClose != null) {
                throw failureOnClose;
            }
        }
        return end();
    }

    @Async
    Coroutine<Void> leftover() {
        try {
            await(sleep(10));
        } finally {
            trace.add("task cancelled");
        }
        return result(null);
    }

    @Async
    Coroutine<Void> leavesGeneratorsSuspended(AsyncGenerator<String> failing) {
        getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
        AsyncGenerator<String> gen = guarded("a", null);
        trace.add(await(gen.anext()));
        trace.add(await(failing.anext()));
        AsyncGenerator<String> exhausted = guarded("c", null);
        for (var it = exhausted; await(it.hasNext()); ) {
            trace.add(it.next());
        }
        AsyncGenerator<String> neverStepped = guarded("d", null);
        createTask(leftover());
        await(sleep(0));
        trace.add("main returns " + neverStepped.toString().startsWith("AsyncGenerator["));
        return result(null);
    }

    @Test
    void runClosesTheGeneratorsLeftSuspendedAfterCancellingTheTasksLeft() {
        IllegalStateException onClose = new IllegalStateException("failed to close");
        AsyncGenerator<String> failing = guarded("b", onClose);
        Asyncio.run(leavesGeneratorsSuspended(failing));
        assertEquals(List.of("a v0", "b v0", "c v0", "c v1", "c finally", "c finally after await", "main returns true",
                "task cancelled", "a finally", "b finally", "a finally after await", "b finally after await"), trace);
        assertEquals(1, reports.size(), reports::toString);
        Map<String, Object> report = reports.get(0);
        assertEquals("an error occurred during closing of asynchronous generator " + failing, report.get("message"));
        assertSame(onClose, report.get("exception"));
        assertSame(failing, report.get("asyncgen"));
    }

    @Async
    Coroutine<Void> stepsAndDrops() {
        trace.add(await(guarded("dropped", null).anext()));
        return result(null);
    }

    @Async
    Coroutine<Void> collectUntilClosed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!trace.contains("dropped finally after await") && System.nanoTime() - deadline < 0) {
            System.gc();
            await(sleep(0.01));
        }
        return result(null);
    }

    @Test
    void aGeneratorCollectedWhileSuspendedIsClosedInATaskOfItsLoop() {
        try (Runner runner = new Runner()) {
            runner.run(stepsAndDrops());
            runner.run(collectUntilClosed());
        }
        assertEquals(List.of("dropped v0", "dropped finally", "dropped finally after await"), trace,
                "after " + PATIENCE_SECONDS + " s of garbage collections at most");
    }

    @Async
    Coroutine<Void> shutsDownTwice() {
        AsyncGenerator<String> gen = guarded("e", null);
        trace.add(await(gen.anext()));
        await(getRunningLoop().shutdownAsyncgens());
        trace.add("shut down");
        await(getRunningLoop().shutdownAsyncgens());
        trace.add("shut down again");
        try {
            await(gen.anext());
        } catch (StopAsyncIterationException ended) {
            trace.add("ended");
        }
        return result(null);
    }

    @Test
    void shutdownAsyncgensClosesEachTrackedGeneratorOnce() {
        Asyncio.run(shutsDownTwice());
        assertEquals(List.of("e v0", "e finally", "e finally after await", "shut down", "shut down again", "ended"),
                trace);
    }
}
