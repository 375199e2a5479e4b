// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Lock;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/33_lock_fairness.py.
// asyncio.Lock is FIFO-fair: waiters acquire in the order they called
// acquire(). A task that releases and immediately re-acquires does not
// barge ahead of already-waiting tasks. An uncontended acquire() does not
// yield to the event loop.
// Python's `async with lock:` is `await(lock.acquire()); try { ... } finally
// { lock.release(); }`, or lock.withLock(() -> body) for a body that is a
// coroutine (polite below); Python's RuntimeError is IllegalStateException.

/** Tasks acquire a lock in the order they asked for it, and an uncontended acquire does not yield. */
public final class LockFairness {
    private LockFairness() {
    }

    @Async
    static Coroutine<Void> worker(String name, Lock lock, List<String> log, int rounds) {
        for (int r = 0; r < rounds; r++) {
            await(lock.acquire());
            try {
                log.add(name + r);
                await(sleep(0)); // hold the lock across a yield
            } finally {
                lock.release();
            }
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> greedy(Lock lock, List<String> order) {
        await(lock.acquire());
        order.add("greedy-1");
        await(sleep(0)); // let the others queue up
        lock.release();
        await(lock.acquire()); // must wait behind x and y
        order.add("greedy-2");
        lock.release();
        return result(null);
    }

    @Async
    static Coroutine<Void> polite(String name, Lock lock, List<String> order) {
        await(lock.withLock(() -> {
            order.add(name);
            return result(null);
        }));
        return result(null);
    }

    @Async
    static Coroutine<Void> ticker(List<String> ticks) {
        ticks.add("tick");
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        await(gather(worker("A", lock, log, 3), worker("B", lock, log, 3), worker("C", lock, log, 3)));
        print(String.join(" ", log));

        // release + immediate re-acquire goes to the back of the line
        List<String> order = new ArrayList<>();
        await(gather(greedy(lock, order), polite("x", lock, order), polite("y", lock, order)));
        print(order);

        // uncontended acquire does not suspend
        List<String> ticks = new ArrayList<>();
        Task<Void> t = createTask(ticker(ticks));
        await(lock.acquire());
        try {
            print("acquired without yielding; ticker ran?", !ticks.isEmpty());
        } finally {
            lock.release();
        }
        await(t);
        try {
            lock.release();
        } catch (IllegalStateException e) {
            print("release of unlocked lock -> RuntimeError");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
