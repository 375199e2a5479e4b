// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.LoopDiagnostics;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Async tests from plain {@code void} test methods, as Kotlin's {@code runTest}, and the controls of
 * virtual time, as kotlinx-coroutines-test's {@code TestScope}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ValueSource(doubles = {1, 60})
 * void sleepsInVirtualTime(double seconds) {
 *     runTest(() -> {
 *         await(sleep(seconds));
 *         assertEquals(seconds, getRunningLoop().time());
 *         return result(null);
 *     });
 * }
 * }</pre>
 */
public final class AsyncTesting {
    private AsyncTesting() {
    }

    /** The body of an async test: an async lambda, woven as {@code @Async} methods are. */
    @FunctionalInterface
    public interface AsyncBody {
        /** Makes the test's coroutine. */
        Coroutine<?> start() throws Exception;
    }

    /**
     * Runs {@code body}'s coroutine as the main task of a fresh loop, with {@link TestOptions#defaults()}
     * (virtual time, no timeout, every {@link LeakCheck}), and closes the loop; throws what the
     * coroutine threw, as it was thrown, or the failure of a check.
     */
    public static void runTest(AsyncBody body) {
        runTest(TestOptions.defaults(), body);
    }

    /** {@link #runTest(AsyncBody)} with {@code options}. */
    public static void runTest(TestOptions options, AsyncBody body) {
        new TestRun(options, "runTest", List.of(), body, List.of()).run();
    }

    /**
     * Lets {@code seconds} of loop time pass while the rest of the loop runs, kotlinx's
     * {@code advanceTimeBy}: on virtual time, every timer due before then fires in order and the clock
     * then reads {@code seconds} more. The same as {@code sleep(seconds)}, named for what a test means.
     */
    public static Coroutine<Void> advanceTimeBy(double seconds) {
        return Asyncio.sleep(seconds);
    }

    /**
     * A future of the running loop that is done once the loop is idle, kotlinx's
     * {@code advanceUntilIdle}: no callback ready to run and no timer left (on virtual time, the clock
     * jumps through them all), other than those due at or after the running test's timeout. Await it
     * from the test; the tasks that wait on something that never comes stay waiting.
     */
    public static Future<Void> runUntilIdle() {
        EventLoop loop = EventLoop.getRunningLoop();
        Future<Void> idle = loop.createFuture();
        double horizon = TestRun.deadlineOfRunningTest(loop);
        loop.callSoon(() -> completeWhenIdle(loop, idle, horizon));
        return idle;
    }

    /** Completes {@code idle} if the loop has nothing before {@code horizon}; else looks again once that has run. */
    private static void completeWhenIdle(EventLoop loop, Future<Void> idle, double horizon) {
        if (idle.done()) {
            return;
        }
        if (LoopDiagnostics.readyCount(loop) > 0) {
            loop.callSoon(() -> completeWhenIdle(loop, idle, horizon));
            return;
        }
        OptionalDouble nextTimer = LoopDiagnostics.nextTimerTime(loop);
        if (nextTimer.isPresent() && nextTimer.getAsDouble() < horizon) {
            loop.callAt(nextTimer.getAsDouble(), () -> completeWhenIdle(loop, idle, horizon));
            return;
        }
        idle.setResult(null);
    }
}
