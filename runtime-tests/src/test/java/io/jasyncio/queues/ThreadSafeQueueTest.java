// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.LoopGroup;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A queue between loops and threads: items keep their order, waiters wake without polling, nothing is lost to a cancellation. */
class ThreadSafeQueueTest {
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    @Async
    static Coroutine<List<Integer>> produce(ThreadSafeQueue<Integer> queue, int count) {
        for (int i = 0; i < count; i++) {
            await(queue.put(i));
        }
        return result(List.of());
    }

    @Async
    static Coroutine<List<Integer>> consume(ThreadSafeQueue<Integer> queue, int count) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(await(queue.get()));
        }
        return result(items);
    }

    @Test
    void itemsCrossFromOneLoopToAnotherInOrderThroughABoundedQueue() {
        ThreadSafeQueue<Integer> queue = new ThreadSafeQueue<>(2);
        try (LoopGroup loops = new LoopGroup(2)) {
            List<List<Integer>> results = loops.run(index -> index == 0 ? produce(queue, 10_000) : consume(queue, 10_000));
            assertEquals(IntStream.range(0, 10_000).boxed().collect(Collectors.toList()), results.get(1));
        }
        assertEquals(0, queue.qsize());
    }

    @Async
    static Coroutine<String> getOne(ThreadSafeQueue<String> queue) {
        String item = await(queue.get());
        return result(item + " on " + Thread.currentThread().getName());
    }

    @Test
    void aPlainThreadWakesAGetterOnALoop() throws Exception {
        ThreadSafeQueue<String> queue = new ThreadSafeQueue<>();
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            queue.putNowait("from a thread");
        });
        producer.start();
        assertEquals(List.of("from a thread on jasyncio-loop-0"), runOnOneLoop(getOne(queue)));
        producer.join();
    }

    @Async
    Coroutine<String> getter(ThreadSafeQueue<String> queue, String name) {
        try {
            String item = await(queue.get());
            trace.add(name + " got " + item);
            return result(item);
        } catch (CancelledError cancelled) {
            trace.add(name + " cancelled");
            throw cancelled;
        }
    }

    @Async
    Coroutine<String> cancelAWokenGetter(ThreadSafeQueue<String> queue) {
        Task<String> first = createTask(getter(queue, "first"));
        Task<String> second = createTask(getter(queue, "second"));
        await(sleep(0)); // both wait, in that order
        queue.putNowait("x"); // wakes the first...
        first.cancel();       // ...which is cancelled before it runs: the wake-up goes to the second
        String got = await(second);
        try {
            await(first);
        } catch (CancelledError expected) {
            trace.add("first ended cancelled");
        }
        trace.add("left " + queue.qsize());
        return result(got);
    }

    @Test
    void aGetterCancelledAfterItWasWokenPassesTheWakeUpOn() {
        ThreadSafeQueue<String> queue = new ThreadSafeQueue<>();
        assertEquals(List.of("x"), runOnOneLoop(cancelAWokenGetter(queue)));
        assertEquals(List.of("first cancelled", "second got x", "first ended cancelled", "left 0"), trace);
    }

    @Async
    Coroutine<String> cancelAWaitingGetter(ThreadSafeQueue<String> queue) {
        Task<String> first = createTask(getter(queue, "first"));
        Task<String> second = createTask(getter(queue, "second"));
        await(sleep(0));
        first.cancel();
        await(sleep(0)); // the first leaves the line
        queue.putNowait("y");
        return result(await(second));
    }

    @Test
    void aCancelledWaitingGetterTakesNothing() {
        ThreadSafeQueue<String> queue = new ThreadSafeQueue<>();
        assertEquals(List.of("y"), runOnOneLoop(cancelAWaitingGetter(queue)));
        assertEquals(List.of("first cancelled", "second got y"), trace);
        assertEquals("ThreadSafeQueue[maxsize=0 qsize=0]", queue.toString());
    }

    @Test
    void theNowaitFormsFailAtOnceWhenTheyCannotProceed() {
        ThreadSafeQueue<String> queue = new ThreadSafeQueue<>(1);
        assertThrows(QueueEmptyException.class, queue::getNowait);
        queue.putNowait(null);
        assertEquals("queue full: maxsize=1", assertThrows(QueueFullException.class, () -> queue.putNowait("z"))
                .getMessage());
        assertEquals(null, queue.getNowait());
    }

    private static <T> List<T> runOnOneLoop(Coroutine<T> main) {
        try (LoopGroup loops = new LoopGroup(1)) {
            return loops.run(index -> main);
        }
    }

    @Test
    void runOnEveryCoreRunsOneCoroutinePerProcessor() {
        List<Integer> indexes = Asyncio.runOnEveryCore(index -> Asyncio.result(index));
        assertEquals(IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().collect(Collectors.toList()),
                indexes);
    }
}
