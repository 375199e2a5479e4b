// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Barrier}: arrival indices, rounds, abort, reset and cancellation, as in asyncio 3.11. */
class BarrierTest extends LoopTestSupport {
    private final Barrier barrier = new Barrier(3);

    /** Waits at the barrier and traces the arrival index, or the exception. */
    @Async
    Coroutine<Integer> party(String name) {
        trace(name + " arrives");
        try {
            int index = await(barrier.await());
            trace(name + " passes with index " + index);
            return result(index);
        } catch (BrokenBarrierException broken) {
            trace(name + " " + broken.getMessage());
            return result(-1);
        }
    }

    @Test
    void awaitReturnsArrivalIndicesAndTheLastToArriveDoesNotSuspend() throws Exception {
        runTest(loop -> assertEquals(List.of(0, 1, 2), loop.runUntilComplete(oneRound())));
        assertTrace(
                "a arrives", "b arrives", "waiting: 2 of 3, Barrier[filling waiters=2/3]",
                "c arrives", "c passes with index 2", "a passes with index 0", "b passes with index 1");
    }

    @Async
    Coroutine<List<Integer>> oneRound() {
        Task<Integer> a = createTask(party("a"));
        Task<Integer> b = createTask(party("b"));
        await(sleep(0));
        trace("waiting: " + barrier.nWaiting() + " of " + barrier.parties() + ", " + barrier);
        int last = await(party("c")); // inline in this task: it must not suspend
        return result(List.of(await(a), await(b), last));
    }

    @Test
    void theBarrierCanBeUsedForSeveralRounds() throws Exception {
        runTest(loop -> loop.runUntilComplete(twoRounds()));
        assertTrace(
                "a arrives", "b arrives", "c arrives", "c passes with index 2", "a passes with index 0", "b passes with index 1",
                "d arrives", "e arrives", "f arrives", "f passes with index 2", "d passes with index 0", "e passes with index 1",
                "Barrier[filling waiters=0/3]");
    }

    @Async
    Coroutine<Void> twoRounds() {
        await(gather(party("a"), party("b"), party("c")));
        await(gather(party("d"), party("e"), party("f")));
        trace(barrier.toString());
        return result(null);
    }

    @Test
    void abortBreaksTheWaitingTasksAndEveryLaterWaitUntilReset() throws Exception {
        runTest(loop -> loop.runUntilComplete(abortThenReset()));
        assertTrace(
                "a arrives", "b arrives", "abort", "a Abort or reset of barrier", "b Abort or reset of barrier",
                "Barrier[broken]", "c arrives", "c Barrier aborted",
                "reset", "d arrives", "e arrives", "f arrives", "f passes with index 2", "d passes with index 0", "e passes with index 1");
    }

    @Async
    Coroutine<Void> abortThenReset() {
        Future<List<Integer>> round = gather(party("a"), party("b"));
        await(sleep(0));
        trace("abort");
        await(barrier.abort());
        await(round);
        trace(barrier.toString());
        await(party("c"));
        trace("reset");
        await(barrier.reset());
        await(gather(party("d"), party("e"), party("f")));
        return result(null);
    }

    @Test
    void resetSendsTheWaitingTasksAwayAndTheBarrierFillsAgain() throws Exception {
        runTest(loop -> loop.runUntilComplete(resetWhileWaiting()));
        assertTrace(
                "a arrives", "b arrives", "reset", "a Abort or reset of barrier", "b Abort or reset of barrier",
                "Barrier[filling waiters=0/3], broken: false");
    }

    @Async
    Coroutine<Void> resetWhileWaiting() {
        Future<List<Integer>> round = gather(party("a"), party("b"));
        await(sleep(0));
        trace("reset");
        await(barrier.reset());
        await(round);
        trace(barrier + ", broken: " + barrier.broken());
        return result(null);
    }

    @Test
    void aCancelledWaiterLeavesTheBarrier() throws Exception {
        runTest(loop -> loop.runUntilComplete(cancelAWaiter()));
        assertTrace("a arrives", "b arrives", "waiting: 2", "b cancelled", "waiting: 1", "a Abort or reset of barrier");
    }

    @Async
    Coroutine<Void> cancelAWaiter() {
        createTask(party("a"));
        Task<Integer> b = createTask(party("b"));
        await(sleep(0));
        trace("waiting: " + barrier.nWaiting());
        b.cancel();
        try {
            await(b);
        } catch (CancelledError expected) {
            trace("b cancelled");
        }
        trace("waiting: " + barrier.nWaiting());
        await(barrier.abort()); // lets a go
        await(sleep(0.1));
        return result(null);
    }

    @Test
    void aBarrierNeedsAtLeastOneParty() {
        assertEquals("parties must be > 0: 0", assertThrows(IllegalArgumentException.class, () -> new Barrier(0)).getMessage());
    }
}
