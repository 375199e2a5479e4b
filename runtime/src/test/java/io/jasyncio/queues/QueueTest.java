// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link Queue} driven by tasks that run its {@code get()}, {@code put()} and {@code join()} coroutines directly. */
class QueueTest extends LoopTestSupport {
    /** A task that gets an item and traces it (or that it was cancelled). */
    private Task<String> getter(EventLoop loop, Queue<String> queue, String name) {
        Task<String> task = loop.createTask(queue.get(), name);
        task.addDoneCallback(done -> trace(name + (done.cancelled() ? " cancelled" : " got " + done.result())));
        return task;
    }

    /** A task that puts {@code item} and traces that it did (or that it was cancelled). */
    private Task<Void> putter(EventLoop loop, Queue<String> queue, String item) {
        Task<Void> task = loop.createTask(queue.put(item), "put " + item);
        task.addDoneCallback(done -> trace("put " + item + (done.cancelled() ? " cancelled" : " done")));
        return task;
    }

    // ---------------------------------------------------------------------------------------------
    // Without waiting

    @Test
    void nowaitCallsKeepFifoOrderAndThrowWhenFullOrEmpty() {
        Queue<String> queue = new Queue<>(2);
        assertTrue(queue.empty());
        queue.putNowait("a");
        queue.putNowait(null);
        assertTrue(queue.full());
        assertEquals(2, queue.qsize());
        QueueFullException full = assertThrows(QueueFullException.class, () -> queue.putNowait("c"));
        assertEquals("queue full: maxsize=2", full.getMessage());
        assertTrue(full instanceof IllegalStateException, "what java.util.Queue.add throws when full");
        assertEquals("a", queue.getNowait());
        assertNull(queue.getNowait());
        QueueEmptyException empty = assertThrows(QueueEmptyException.class, queue::getNowait);
        assertTrue(empty instanceof NoSuchElementException, "what java.util.Queue.remove throws when empty");
    }

    @Test
    void aMaxsizeOfZeroOrLessIsUnbounded() {
        for (int maxsize : new int[] {0, -1}) {
            Queue<Integer> queue = new Queue<>(maxsize);
            for (int i = 0; i < 1000; i++) {
                queue.putNowait(i);
            }
            assertFalse(queue.full());
            assertEquals(maxsize, queue.maxsize());
        }
    }

    @Test
    void toStringShowsWhatAsyncioReprShows() throws Exception {
        Queue<String> queue = new Queue<>(2);
        assertEquals("Queue[maxsize=2]", queue.toString());
        runTest(loop -> {
            getter(loop, queue, "g1");
            getter(loop, queue, "g2");
            runOnce(loop);
            assertEquals("Queue[maxsize=2 getters=2]", queue.toString());
            queue.putNowait("x"); // wakes g1, which leaves the getters as it is woken
            assertEquals("Queue[maxsize=2 queue=[x] getters=1 tasks=1]", queue.toString());
            queue.putNowait(null);
            assertEquals("Queue[maxsize=2 queue=[x, null] tasks=2]", queue.toString());
            runIterations(loop, 2);
            assertEquals("Queue[maxsize=2 tasks=2]", queue.toString());
        });
        assertTrace("g1 got x", "g2 got null");
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting

    @Test
    void getOnANonEmptyQueueAndPutOnANonFullQueueDoNotSuspend() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>(1);
            Task<Void> put = loop.createTask(queue.put("x"));
            runOnce(loop);
            assertTrue(put.done(), "put in its first step");
            Task<String> get = loop.createTask(queue.get());
            runOnce(loop);
            assertTrue(get.done(), "got in its first step");
            assertEquals("x", get.result());
        });
    }

    @Test
    void getWaitsUntilAPutAndGettersAreServedInFifoOrder() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            getter(loop, queue, "g1");
            getter(loop, queue, "g2");
            getter(loop, queue, "g3");
            runOnce(loop);
            queue.putNowait("a");
            queue.putNowait("b");
            queue.putNowait("c");
            runIterations(loop, 2);
        });
        assertTrace("g1 got a", "g2 got b", "g3 got c");
    }

    @Test
    void putWaitsUntilAGetMakesRoomAndPuttersAreServedInFifoOrder() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>(1);
            queue.putNowait("first");
            putter(loop, queue, "p1");
            putter(loop, queue, "p2");
            runOnce(loop);
            assertEquals("Queue[maxsize=1 queue=[first] putters=2 tasks=1]", queue.toString());
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                taken.add(queue.getNowait());
                runIterations(loop, 2);
            }
            assertEquals(List.of("first", "p1", "p2"), taken);
        });
        assertTrace("put p1 done", "put p2 done");
    }

    @Test
    void aWokenGetterThatFindsTheQueueEmptyWaitsAgainAtTheBack() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            getter(loop, queue, "g1");
            getter(loop, queue, "g2");
            runOnce(loop);
            loop.callSoon(() -> {
                queue.putNowait("x"); // wakes g1 ...
                trace("taken by a callback: " + queue.getNowait()); // ... but the item is gone when g1 runs
            });
            runIterations(loop, 2);
            assertEquals("Queue[maxsize=0 getters=2 tasks=1]", queue.toString());
            queue.putNowait("y");
            runIterations(loop, 2);
            queue.putNowait("z");
            runIterations(loop, 2);
        });
        assertTrace("taken by a callback: x", "g2 got y", "g1 got z");
    }

    // ---------------------------------------------------------------------------------------------
    // Cancellation

    @Test
    void aCancelledGetterLeavesTheQueueAndTakesNothing() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            Task<String> cancelled = getter(loop, queue, "g1");
            getter(loop, queue, "g2");
            runOnce(loop);
            cancelled.cancel();
            runIterations(loop, 2);
            assertEquals("Queue[maxsize=0 getters=1]", queue.toString());
            queue.putNowait("x");
            runIterations(loop, 2);
        });
        assertTrace("g1 cancelled", "g2 got x");
    }

    @Test
    void gettersCancelledAnywhereInLineLeaveItAndTheOthersGetItemsInFifoOrder() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            List<Task<String>> getters = new ArrayList<>();
            for (String name : List.of("g1", "g2", "g3", "g4", "g5")) {
                getters.add(getter(loop, queue, name));
            }
            runOnce(loop);
            getters.get(4).cancel();
            getters.get(1).cancel();
            getters.get(0).cancel();
            runIterations(loop, 2);
            assertEquals("Queue[maxsize=0 getters=2]", queue.toString());
            queue.putNowait("x");
            queue.putNowait("y");
            runIterations(loop, 2);
        });
        assertTrace("g5 cancelled", "g2 cancelled", "g1 cancelled", "g3 got x", "g4 got y");
    }

    @Test
    void aGetterCancelledAfterItWasWokenPassesTheWakeUpOn() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            Task<String> woken = getter(loop, queue, "g1");
            getter(loop, queue, "g2");
            runOnce(loop);
            queue.putNowait("x");
            woken.cancel();
            runIterations(loop, 4);
            assertEquals("Queue[maxsize=0 tasks=1]", queue.toString());
        });
        assertTrace("g1 cancelled", "g2 got x");
    }

    @Test
    void aCancelledPutterLeavesTheQueueAndPutsNothing() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>(1);
            queue.putNowait("first");
            Task<Void> cancelled = putter(loop, queue, "p1");
            runOnce(loop);
            cancelled.cancel();
            runIterations(loop, 2);
            assertEquals("Queue[maxsize=1 queue=[first] tasks=1]", queue.toString());
        });
        assertTrace("put p1 cancelled");
    }

    @Test
    void aPutterCancelledAfterItWasWokenPassesTheWakeUpOn() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>(1);
            queue.putNowait("first");
            Task<Void> woken = putter(loop, queue, "p1");
            putter(loop, queue, "p2");
            runOnce(loop);
            queue.getNowait();
            woken.cancel();
            runIterations(loop, 4);
            assertEquals("Queue[maxsize=1 queue=[p2] tasks=2]", queue.toString());
        });
        assertTrace("put p1 cancelled", "put p2 done");
    }

    // ---------------------------------------------------------------------------------------------
    // taskDone and join

    @Test
    void joinWaitsUntilEveryItemPutIsMarkedDone() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            queue.putNowait("a");
            queue.putNowait("b");
            Task<Void> join = loop.createTask(queue.join());
            join.addDoneCallback(done -> trace("joined"));
            queue.getNowait();
            queue.getNowait();
            runIterations(loop, 2);
            queue.taskDone();
            runIterations(loop, 3);
            assertFalse(join.done(), "one item is still being processed");
            trace("last item done");
            queue.taskDone();
            runIterations(loop, 3);
        });
        assertTrace("last item done", "joined");
    }

    @Test
    void aCancelledJoinStopsWaitingAndLeavesTheCountAlone() throws Exception {
        runTest(loop -> {
            Queue<String> queue = new Queue<>();
            queue.putNowait("a");
            Task<Void> join = loop.createTask(queue.join());
            runOnce(loop);
            join.cancel();
            runOnce(loop);
            assertTrue(join.cancelled());
            assertEquals("Queue[maxsize=0 queue=[a] tasks=1]", queue.toString());
            Task<Void> again = loop.createTask(queue.join());
            runOnce(loop);
            queue.getNowait();
            queue.taskDone();
            runOnce(loop);
            assertTrue(again.done(), "a later join is woken as usual");
        });
    }

    @Test
    void joinWithNothingUnfinishedDoesNotSuspend() throws Exception {
        runTest(loop -> {
            Task<Void> join = loop.createTask(new Queue<String>().join());
            runOnce(loop);
            assertTrue(join.done());
        });
    }

    @Test
    void taskDoneCalledMoreOftenThanItemsWerePutThrowsIllegalStateException() {
        Queue<String> queue = new Queue<>();
        queue.putNowait("a");
        queue.taskDone();
        IllegalStateException error = assertThrows(IllegalStateException.class, queue::taskDone);
        assertEquals("task_done() called too many times", error.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Other orders

    @Test
    void lifoQueueReturnsTheLastItemPutFirst() {
        LifoQueue<Integer> queue = new LifoQueue<>();
        for (int item : new int[] {3, 1, 2}) {
            queue.putNowait(item);
        }
        assertEquals("LifoQueue[maxsize=0 queue=[3, 1, 2] tasks=3]", queue.toString());
        assertEquals(List.of(2, 1, 3), List.of(queue.getNowait(), queue.getNowait(), queue.getNowait()));
    }

    @Test
    void priorityQueueReturnsTheSmallestItemFirst() {
        PriorityQueue<Integer> natural = new PriorityQueue<>();
        PriorityQueue<Integer> reversed = new PriorityQueue<>(2, java.util.Comparator.reverseOrder());
        for (int item : new int[] {3, 1, 2}) {
            natural.putNowait(item);
        }
        reversed.putNowait(1);
        reversed.putNowait(3);
        assertTrue(reversed.full());
        assertEquals(List.of(1, 2, 3), List.of(natural.getNowait(), natural.getNowait(), natural.getNowait()));
        assertEquals(List.of(3, 1), List.of(reversed.getNowait(), reversed.getNowait()));
    }

    /** An item whose order is its priority alone, so that items of one priority compare equal. */
    private record Prioritized(int priority, char name) implements Comparable<Prioritized> {
        @Override
        public int compareTo(Prioritized other) {
            return Integer.compare(priority, other.priority);
        }

        @Override
        public String toString() {
            return String.valueOf(name);
        }
    }

    @Test
    void priorityQueueReturnsEqualItemsInTheOrderOfPythonsHeapq() {
        PriorityQueue<Prioritized> queue = new PriorityQueue<>();
        int[] priorities = {2, 1, 2, 1, 2, 0, 1, 2, 1, 2};
        for (int i = 0; i < priorities.length; i++) {
            queue.putNowait(new Prioritized(priorities[i], (char) ('a' + i)));
        }
        // CPython 3.11: [x.l for x in q._queue] and then the names in get_nowait() order.
        assertEquals("PriorityQueue[maxsize=0 queue=[f, d, b, i, e, c, g, h, a, j] tasks=10]", queue.toString());
        StringBuilder order = new StringBuilder();
        while (!queue.empty()) {
            order.append(queue.getNowait());
        }
        assertEquals("fbgdijcaeh", order.toString());
    }

    @Test
    void priorityQueueWithoutAComparatorRefusesItemsThatAreNotComparable() {
        PriorityQueue<Object> queue = new PriorityQueue<>();
        queue.putNowait(new Object());
        assertThrows(ClassCastException.class, () -> queue.putNowait(new Object()));
    }
}
