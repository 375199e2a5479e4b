// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.TestCoroutines.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gather()} and cancellation, the spec's section 7.1: a cancelled gather is not {@code cancelled()}. */
class GatherCancellationTest extends LoopTestSupport {
    @Test
    void cancelledChildFinishesTheGatherWithCancelledErrorWithoutCancellingIt() throws Exception {
        runTest(loop -> {
            Task<String> child = loop.createTask(work("child", 1));
            Task<String> sibling = loop.createTask(work("sibling", 2));
            Future<List<String>> gathered = gather(child, sibling);
            runOnce(loop);
            child.cancel("child only");
            CancelledError error = assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathered));
            assertEquals("child only", error.getMessage(), "the child's own error, read once");
            assertFalse(gathered.cancelled());
            assertFalse(sibling.done(), "siblings keep running");
            assertEquals("sibling", loop.runUntilComplete(sibling));
        });
    }

    @Test
    void returnExceptionsPutsACancelledChildInTheListAsCancelledError() throws Exception {
        runTest(loop -> {
            Task<String> child = loop.createTask(work("child", 1));
            Task<String> sibling = loop.createTask(work("sibling", 2));
            Future<List<Object>> gathered = gather(true, child, sibling);
            runOnce(loop);
            child.cancel();
            List<Object> results = loop.runUntilComplete(gathered);
            assertEquals("", assertInstanceOf(CancelledError.class, results.get(0)).getMessage());
            assertEquals("sibling", results.get(1));
        });
    }

    @Test
    void cancellingTheGatherPropagatesEvenWithReturnExceptions() throws Exception {
        runTest(loop -> {
            Future<List<Object>> gathered = gather(true, loop.createTask(work("a", 1)), loop.createTask(work("b", 1)));
            runOnce(loop);
            assertTrue(gathered.cancel());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathered));
            assertFalse(gathered.cancelled(), "finished with CancelledError as its exception");
            assertInstanceOf(CancelledError.class, gathered.exception());
        });
    }

    @Test
    void cancellingAGatherWhoseChildrenAreAllDoneReturnsFalse() throws Exception {
        runTest(loop -> {
            Future<String> done = loop.createFuture();
            done.setResult("done");
            Future<List<String>> gathered = gather(done);
            assertFalse(gathered.cancel(), "no child could be cancelled");
            assertEquals(List.of("done"), loop.runUntilComplete(gathered));
        });
    }

    /**
     * asyncio 3.11 quirk: with {@code returnExceptions}, a cancelled gather takes the error of its last
     * child in argument order, here a future that finished normally, so the message is lost.
     */
    @Test
    void cancelledGatherTakesTheErrorOfItsLastChild() throws Exception {
        runTest(loop -> {
            Task<String> sleeping = loop.createTask(work("sleeping", 1));
            Future<String> done = loop.createFuture();
            done.setResult("done");
            Future<List<Object>> gathered = gather(true, sleeping, done);
            runOnce(loop);
            assertTrue(gathered.cancel("lost message"));
            CancelledError error = assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathered));
            assertNull(error.getMessage());
        });
    }
}
