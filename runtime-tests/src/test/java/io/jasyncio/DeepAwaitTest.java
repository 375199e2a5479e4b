// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chains of 100,000 nested awaits on the thread's default stack. An awaited coroutine runs inline
 * on the Java stack, until the chain is so deep that the task's step starts it instead: either way
 * in the same step, with no loop iteration, so the order of events is the same as in a shallow chain.
 */
class DeepAwaitTest extends LoopTestSupport {
    private static final int DEPTH = 100_000;

    /** Awaits itself {@code depth} times; the innermost call returns 0, each other one 1 more. */
    @Async
    static Coroutine<Integer> nest(int depth) {
        if (depth == 0) {
            return result(0);
        }
        return result(await(nest(depth - 1)) + 1);
    }

    @Test
    void aChainOfAHundredThousandAwaitsReturnsItsDepth() throws Exception {
        assertEquals(DEPTH, runMain(nest(DEPTH)));
    }

    @Test
    void everyDepthAroundWhereTheStepTakesOverReturnsItsDepth() throws Exception {
        List<Integer> depths = new ArrayList<>();
        List<Integer> results = new ArrayList<>();
        for (int depth = 0; depth <= 3 * WovenCodeSupport.MAX_INLINE_DEPTH + 2; depth++) {
            depths.add(depth);
            results.add(runMain(nest(depth)));
        }
        assertEquals(depths, results);
    }

    /** Traces a deep chain between callbacks scheduled before it and after it. */
    @Async
    Coroutine<Void> deepChainBetweenCallbacks() {
        EventLoop loop = getRunningLoop();
        loop.callSoon(() -> trace("callback scheduled before the chain"));
        trace("chain returned " + await(nest(DEPTH)));
        loop.callSoon(() -> trace("callback scheduled after the chain"));
        await(sleep(0));
        trace("after one iteration");
        return result(null);
    }

    @Test
    void aDeepChainThatNeverSuspendsTakesNoLoopIteration() throws Exception {
        runTest(loop -> loop.runUntilComplete(deepChainBetweenCallbacks()));
        assertTrace("chain returned 100000", "callback scheduled before the chain",
                "callback scheduled after the chain", "after one iteration");
    }

    /** Sleeps {@code seconds} at the bottom of a chain of {@code depth} awaits, then returns the depth. */
    @Async
    static Coroutine<Integer> nestThenSleep(int depth, double seconds) {
        if (depth == 0) {
            await(sleep(seconds));
            return result(0);
        }
        return result(await(nestThenSleep(depth - 1, seconds)) + 1);
    }

    @Test
    void aSleepAtTheBottomOfADeepChainWakesTheWholeChain() throws Exception {
        FakeClock clock = new FakeClock();
        runTest(clock, loop -> {
            trace("returned " + loop.runUntilComplete(nestThenSleep(DEPTH, 5)) + " at " + loop.time());
        });
        assertTrace("returned 100000 at 5.0");
    }

    /** Throws at the bottom of a chain of {@code depth} awaits, at the line marked below. */
    @Async
    static Coroutine<Integer> nestThenThrow(int depth) {
        if (depth == 0) {
            throw new IllegalStateException("thrown at the bottom"); // <- the throw
        }
        return result(await(nestThenThrow(depth - 1)) + 1); // <- each await
    }

    @Async
    static Coroutine<String> catchFromTheBottom(int depth) {
        try {
            return result("returned " + await(nestThenThrow(depth)));
        } catch (IllegalStateException caught) {
            return result("caught " + caught.getMessage());
        }
    }

    @Test
    void anExceptionThrownAtTheBottomOfADeepChainIsCaughtAtTheTop() throws Exception {
        assertEquals("caught thrown at the bottom", runMain(catchFromTheBottom(DEPTH)));
    }

    @Test
    void anExceptionFromTheBottomOfADeepChainShowsTheThrowAndTheAwaitsAboveIt() throws Exception {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> runMain(nestThenThrow(DEPTH)));

        StackTraceElement[] trace = thrown.getStackTrace();
        assertEquals("nestThenThrow " + lineOf("the throw"), describe(trace[0]));
        long awaits = countAwaits(trace);
        // the innermost frames, as many as the JVM keeps of a deep Java stack
        assertTrue(awaits > 200 && trace.length <= 1024, awaits + " awaits in a trace of " + trace.length);
    }

    @Test
    void anExceptionThrownBelowWhereTheStepTookOverShowsEveryAwaitItPassed() throws Exception {
        int depth = WovenCodeSupport.MAX_INLINE_DEPTH + 50;
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> runMain(nestThenThrow(depth)));

        assertEquals("nestThenThrow " + lineOf("the throw"), describe(thrown.getStackTrace()[0]));
        assertEquals(depth, countAwaits(thrown.getStackTrace()));
    }

    /** How many frames of {@code trace} are a {@code nestThenThrow} at its await. */
    private static long countAwaits(StackTraceElement[] trace) throws IOException {
        String await = "nestThenThrow " + lineOf("each await");
        return Arrays.stream(trace).map(DeepAwaitTest::describe).filter(await::equals).count();
    }

    /** Counts the coroutines whose {@code finally} ran. */
    private int finallyBlocksRun;

    /** Waits for {@code never}, which is never done, at the bottom of a chain of {@code depth} awaits. */
    @Async
    Coroutine<Integer> nestThenWait(int depth, Future<Integer> never) {
        try {
            if (depth == 0) {
                return result(await(never));
            }
            return result(await(nestThenWait(depth - 1, never)) + 1);
        } finally {
            finallyBlocksRun++;
        }
    }

    @Async
    Coroutine<Void> cancelDeepWaiter() {
        Future<Integer> never = getRunningLoop().createFuture();
        Task<Integer> task = createTask(nestThenWait(DEPTH, never));
        await(sleep(0));
        trace("suspended, finally blocks run: " + finallyBlocksRun + ", stack " + task.getStack().size());
        trace("cancel -> " + task.cancel("deep"));
        try {
            await(task);
        } catch (CancelledError cancelled) {
            trace("cancelled(" + cancelled.getMessage() + "): " + task.cancelled() + ", future cancelled: "
                    + never.cancelled() + ", finally blocks run: " + finallyBlocksRun);
        }
        return result(null);
    }

    @Test
    void aTaskSuspendedAtTheBottomOfADeepChainIsCancelledThroughEveryLevel() throws Exception {
        runTest(loop -> loop.runUntilComplete(cancelDeepWaiter()));
        assertTrace("suspended, finally blocks run: 0, stack 100001", "cancel -> true",
                "cancelled(deep): true, future cancelled: true, finally blocks run: 100001");
    }

    /** The line of this file that ends with {@code // <- marker}; tests run in the module's directory. */
    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/jasyncio/DeepAwaitTest.java"));
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).endsWith("// <- " + marker)) {
                return index + 1;
            }
        }
        throw new AssertionError("no line marked " + marker);
    }

    private static String describe(StackTraceElement element) {
        return element.getMethodName() + " " + element.getLineNumber();
    }
}
