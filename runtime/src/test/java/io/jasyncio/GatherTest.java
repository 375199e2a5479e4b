// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gather()}: results in argument order, children started in argument order, failures and cancellation. */
class GatherTest extends LoopTestSupport {
    /** Python's {@code async def work(name, delay)} of conformance program 10: returns the name in capitals. */
    private Coroutine<String> work(String name, double delay) {
        return coroutine(
                awaited -> {
                    trace("start " + name);
                    return sleep(delay);
                },
                awaited -> {
                    trace("finish " + name);
                    return result(name.toUpperCase());
                });
    }

    /** A coroutine that fails with {@code failure} after {@code delay}. */
    private static Coroutine<String> failing(double delay, RuntimeException failure) {
        return coroutine(awaited -> sleep(delay), awaited -> {
            throw failure;
        });
    }

    @Test
    void resultsComeInArgumentOrderWhateverTheOrderOfCompletion() throws Exception {
        List<String> results = runMain(coroutine(awaited -> gather(work("a", 0.3), work("b", 0.1), work("c", 0.2))));
        assertEquals(List.of("A", "B", "C"), results);
        assertTrace("start a", "start b", "start c", "finish b", "finish c", "finish a");
    }

    /**
     * Each child's done callback takes its place among the child's other callbacks and the loop's, a
     * future passed twice has its result twice, and the gather's own callbacks come an iteration
     * later: the trace is CPython 3.11's for the same program.
     */
    @Test
    void theGathersCallbacksRunWhereAsyncioRunsThem() throws Exception {
        runTest(loop -> {
            Future<String> a = loop.createFuture();
            Future<String> b = loop.createFuture();
            a.addDoneCallback(done -> trace("user callback of a, added before gather"));
            Future<List<String>> gathered = gather(a, b, a);
            a.addDoneCallback(done -> trace("user callback of a, added after gather"));
            gathered.addDoneCallback(done -> trace("gather done: " + done.result()));
            loop.callSoon(() -> {
                trace("set b");
                b.setResult("b");
                loop.callSoon(() -> trace("callback after set b"));
            });
            loop.callSoon(() -> {
                trace("set a");
                a.setResult("a");
                loop.callSoon(() -> trace("callback after set a"));
            });
            trace("awaited " + loop.runUntilComplete(gathered));
        });
        assertTrace("set b", "set a", "callback after set b", "user callback of a, added before gather",
                "user callback of a, added after gather", "callback after set a", "gather done: [a, b, a]",
                "awaited [a, b, a]");
    }

    @Test
    void repeatedCoroutineRunsOnceAndItsResultIsRepeated() throws Exception {
        Coroutine<String> twice = work("dup", 0.05);
        List<String> results = runMain(coroutine(awaited -> gather(twice, work("x", 0), twice)));
        assertEquals(List.of("DUP", "X", "DUP"), results);
        assertTrace("start dup", "start x", "finish x", "finish dup");
    }

    @Test
    void repeatedTaskIsAwaitedOnceAndItsResultIsRepeated() throws Exception {
        List<String> results = runMain(coroutine(awaited -> {
            Task<String> task = Asyncio.createTask(work("dup", 0.05));
            return gather(task, task, work("x", 0));
        }));
        assertEquals(List.of("DUP", "DUP", "X"), results);
        assertTrace("start dup", "start x", "finish x", "finish dup");
    }

    @Test
    void gatherOfNothingIsAlreadyDoneWithAnEmptyList() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                Future<List<Object>> nothing = gather();
                trace("done " + nothing.done() + ", result " + nothing.result());
            });
            runOnce(loop);
        });
        assertTrace("done true, result []");
    }

    @Test
    void gatherOfADoneFutureHasItsResult() throws Exception {
        List<String> results = runMain(coroutine(awaited -> {
            Future<String> done = Asyncio.getRunningLoop().createFuture();
            done.setResult("pre");
            return gather(done);
        }));
        assertEquals(List.of("pre"), results);
    }

    @Test
    void firstFailureFinishesTheGatherAndTheOthersKeepRunning() throws Exception {
        IllegalStateException failure = new IllegalStateException("first failure");
        runTest(loop -> {
            Task<String> slow = loop.createTask(work("slow", 0.5));
            Future<List<String>> gathering = loop.runUntilComplete(coroutine(awaited -> result(
                    gather(failing(0.1, failure), slow, failing(0.2, new IllegalStateException("second failure"))))));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(gathering)));
            assertEquals(0.1, loop.time());
            assertFalse(slow.done());
            assertEquals("SLOW", loop.runUntilComplete(slow));
            assertFalse(gathering.cancel());
        });
        assertTrace("start slow", "finish slow");
    }

    @Test
    void returnExceptionsPutsFailuresInTheResultList() throws Exception {
        IllegalStateException failure = new IllegalStateException("in the list");
        List<Object> results = runMain(coroutine(awaited -> gather(true, failing(0.1, failure), work("ok", 0.2))));
        assertEquals(List.of(failure, "OK"), results);
    }

    @Test
    void cancellingTheGatherCancelsEveryChildAndFinishesItWithCancelledError() throws Exception {
        runTest(loop -> {
            Task<String> first = loop.createTask(work("first", 1));
            Task<String> second = loop.createTask(work("second", 2));
            Future<List<String>> gathering =
                    loop.runUntilComplete(coroutine(awaited -> result(gather(first, second))));
            assertTrue(gathering.cancel("stop all"));
            assertEquals(1, first.cancelling());
            assertEquals(1, second.cancelling());
            CancelledError error = assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathering));
            assertEquals("stop all", error.getMessage());
            assertFalse(gathering.cancelled(), "a cancelled gather finishes with CancelledError, as in asyncio");
            assertInstanceOf(CancelledError.class, gathering.exception());
            assertTrue(first.cancelled());
            assertTrue(second.cancelled());
        });
        assertTrace("start first", "start second");
    }
}
