// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.LifoQueue;
import io.jasyncio.queues.PriorityQueue;
import io.jasyncio.queues.Queue;
import io.jasyncio.queues.QueueEmptyException;
import io.jasyncio.queues.QueueFullException;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/31_queue_producer_consumer.py.
// Queue with maxsize: put() blocks when full and is woken (FIFO) by get();
// get() blocks when empty and is woken by put(). Exact interleaving of a
// producer and a consumer that never otherwise yield.
// Python's QueueFull and QueueEmpty are QueueFullException and QueueEmptyException.

/** A bounded queue between a producer and a consumer: who waits, and when each is woken. */
public final class QueueProducerConsumer {
    private QueueProducerConsumer() {
    }

    @Async
    static Coroutine<Void> producer(Queue<Integer> q, int n) {
        for (int i = 0; i < n; i++) {
            print("put", i, "(qsize before " + q.qsize() + ")");
            await(q.put(i));
        }
        await(q.put(null));
        print("producer done");
        return result(null);
    }

    @Async
    static Coroutine<Void> consumer(Queue<Integer> q) {
        while (true) {
            Integer item = await(q.get());
            print("  got", item);
            q.taskDone();
            if (item == null) {
                break;
            }
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Queue<Integer> q = new Queue<>(2);
        await(gather(producer(q, 5), consumer(q)));

        // put_nowait/get_nowait and their exceptions
        Queue<String> one = new Queue<>(1);
        one.putNowait("x");
        try {
            one.putNowait("y");
        } catch (QueueFullException e) {
            print("QueueFull");
        }
        print(one.getNowait(), one.empty(), one.full());
        try {
            one.getNowait();
        } catch (QueueEmptyException e) {
            print("QueueEmpty");
        }

        // LIFO and priority variants
        LifoQueue<Integer> lq = new LifoQueue<>();
        PriorityQueue<Integer> pq = new PriorityQueue<>();
        for (int x : new int[] {3, 1, 2}) {
            lq.putNowait(x);
            pq.putNowait(x);
        }
        List<Integer> lifo = new ArrayList<>();
        List<Integer> priority = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lifo.add(lq.getNowait());
        }
        for (int i = 0; i < 3; i++) {
            priority.add(pq.getNowait());
        }
        print("lifo", lifo, "priority", priority);
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
