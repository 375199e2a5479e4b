// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the runtime's tests, in the style of kotlinx.coroutines' {@code TestBase}.
 *
 * <ul>
 *   <li>{@link #expect}, {@link #finish} and {@link #expectUnreached} check the order of events with
 *       one counter.
 *   <li>Every failure is recorded as well as thrown, and so is every error that reaches the
 *       exception handler of a loop made by {@link #runTest}: an assertion that fails inside a
 *       callback, where the loop catches it, still fails the test at teardown.
 *   <li>{@link #trace(String)} records lines that {@link #assertTrace} compares whole with the
 *       expected list: tests of scheduling order compare the whole trace, never pieces of it.
 *   <li>{@link #runTest} runs a body on a fresh loop, on a {@link FakeClock} unless told otherwise,
 *       and closes the loop. The test fails if the body left a task of the loop pending, or a failed
 *       future whose exception nobody retrieved (asyncio's "Task exception was never retrieved").
 * </ul>
 *
 * <p>JUnit makes a new instance for each test, so each test has its own counter, trace and failures.
 */
public abstract class LoopTestSupport {
    /** The number of the last {@link #expect}ed event. */
    private final AtomicInteger actionIndex = new AtomicInteger();

    /** Whether {@link #finish} was called. */
    private final AtomicBoolean finished = new AtomicBoolean();

    /** Failures seen anywhere, in any thread, rethrown at teardown. */
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** The lines recorded by {@link #trace(String)}, in order; not thread-safe: for the test's loop thread. */
    private final List<String> trace = new ArrayList<>();

    /** The body of {@link #runTest}: what the test does with its loop. */
    @FunctionalInterface
    protected interface LoopBody {
        /** Runs the test on {@code loop}, which is not running yet. */
        void run(EventLoop loop) throws Exception;
    }

    // ---------------------------------------------------------------------------------------------
    // Order of events

    /** Asserts that this is event number {@code index}, counting from 1. */
    protected final void expect(int index) {
        int actual = actionIndex.incrementAndGet();
        if (actual != index) {
            throw recordFailure("Expected event " + index + " but it is event " + actual);
        }
    }

    /** Asserts that this is event number {@code index}, the last one. */
    protected final void finish(int index) {
        expect(index);
        if (finished.getAndSet(true)) {
            throw recordFailure("finish(" + index + ") was called twice");
        }
    }

    /** Fails: this point must not be reached. */
    protected final void expectUnreached() {
        throw recordFailure("This point must not be reached");
    }

    /** Records {@code message} as a failure of the test and returns the error, for the caller to throw. */
    protected final AssertionError recordFailure(String message) {
        AssertionError failure = new AssertionError(message);
        recordFailure(failure);
        return failure;
    }

    /** Records {@code failure} unless it is recorded already, as when the loop reports an error that {@link #expect} threw. */
    private void recordFailure(Throwable failure) {
        if (failures.stream().noneMatch(recorded -> recorded == failure)) {
            failures.add(failure);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Traces

    /** Appends {@code line} to the trace. */
    protected final void trace(String line) {
        trace.add(line);
    }

    /** Asserts that the whole trace so far is {@code expected}. */
    protected final void assertTrace(String... expected) {
        assertTrace(Arrays.asList(expected));
    }

    /** Asserts that the whole trace so far is {@code expected}. */
    protected final void assertTrace(List<String> expected) {
        assertEquals(expected, trace, "trace");
    }

    // ---------------------------------------------------------------------------------------------
    // Loops

    /** Runs {@code body} on a fresh loop on a {@link FakeClock}, then closes the loop. */
    protected final void runTest(LoopBody body) throws Exception {
        runTest(new FakeClock(), body);
    }

    /**
     * Runs {@code body} on a fresh loop on {@code clock}, made by {@link #newLoop}, then closes the
     * loop. Errors reported to the loop's exception handler are recorded as failures, unless the body
     * sets its own handler; so are the tasks that the body leaves pending and the failures that nobody
     * retrieved.
     */
    protected final void runTest(Clock clock, LoopBody body) throws Exception {
        EventLoop loop = newLoop(clock);
        loop.setExceptionHandler((reporter, context) -> {
            Throwable exception = (Throwable) context.get("exception");
            recordFailure(exception instanceof AssertionError assertion ? assertion
                    : new AssertionError("reported to the exception handler: " + context.get("message"), exception));
        });
        ContextMap threadsContext = CurrentContext.map();
        try {
            body.run(loop);
            if (!loop.isRunning()) {
                recordLeftovers(loop);
            }
        } finally {
            CurrentContext.ofThisThread().context = threadsContext; // what the body set on the thread ends with the test
            if (!loop.isRunning()) { // still running in another thread only if the test failed
                loop.close();
            }
        }
    }

    /**
     * The loop of {@link #runTest}: a plain {@link EventLoop}, with no I/O; tests of I/O override it
     * to return a {@link SelectorEventLoop}.
     */
    protected EventLoop newLoop(Clock clock) {
        return new EventLoop(clock);
    }

    /**
     * Records as failures the tasks of {@code loop} that are still pending and the exceptions of its
     * futures that nobody retrieved, whether or not the futures are still reachable: a test should
     * end what it starts and look at what fails.
     */
    private void recordLeftovers(EventLoop loop) {
        Set<Task<?>> pending = Asyncio.allTasks(loop);
        if (!pending.isEmpty()) {
            recordFailure("tasks left pending: " + pending);
        }
        for (Map<String, Object> report : loop.unretrievedExceptions()) {
            recordFailure(new AssertionError(report.get("message") + ": " + report.get("future"),
                    (Throwable) report.get("exception")));
        }
    }

    /** Runs {@code main} to its end on a fresh loop on a {@link FakeClock} and returns its result. */
    protected final <T> T runMain(Coroutine<T> main) throws Exception {
        List<T> result = new ArrayList<>(1);
        runTest(loop -> result.add(loop.runUntilComplete(main)));
        return result.get(0);
    }

    /** Runs exactly one iteration of {@code loop}, with asyncio's idiom: {@code stop()} before {@code runForever()}. */
    protected static void runOnce(EventLoop loop) {
        loop.stop();
        loop.runForever();
    }

    /** Runs {@code loop} for exactly {@code count} iterations. */
    protected static void runIterations(EventLoop loop, int count) {
        for (int i = 0; i < count; i++) {
            runOnce(loop);
        }
    }

    /** Runs {@code count} iterations of {@code loop}, tracing {@code --- iteration i} before each (from 1). */
    protected final void runTracingIterations(EventLoop loop, int count) {
        for (int i = 1; i <= count; i++) {
            trace("--- iteration " + i);
            runOnce(loop);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Teardown

    @AfterEach
    final void failOnRecordedFailures() {
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            AssertionError error = new AssertionError(
                    failures.size() + " failure(s) recorded during the test; the first: " + first, first);
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        int lastEvent = actionIndex.get();
        if (lastEvent != 0 && !finished.get()) {
            throw new AssertionError("Expected finish(" + (lastEvent + 1) + ") to be called, but it was not");
        }
    }
}
