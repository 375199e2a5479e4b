// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A first-in, first-out queue between event loops (and plain threads): {@link Queue}'s
 * {@code put}/{@code get} for tasks that run on different loops of a
 * {@link io.jasyncio.LoopGroup}, where asyncio would need {@code call_soon_threadsafe} by hand.
 *
 * <p>A task waiting in {@link #get()} or {@link #put} suspends, never blocking its loop's thread,
 * and is woken through its own loop's {@code callSoonThreadsafe} when another loop or thread puts or
 * takes an item, so no loop polls. As in {@link Queue}: waiters wake in the order they began to
 * wait; a wake-up reserves nothing (a getter that finds the item taken waits again, at the back);
 * a waiter cancelled after it was woken passes the wake-up on, so no item waits while a getter
 * does. {@link #putNowait} and {@link #getNowait} may be called from any thread, loop or not: a
 * producer thread can feed a loop through a bounded queue, and learns from
 * {@link QueueFullException} that the loop is behind. Items may be {@code null}. Thread-safe.
 *
 * @param <T> the type of the items
 */
public final class ThreadSafeQueue<T> {
    /** Stands for a {@code null} item, which {@link ArrayDeque} cannot hold. */
    private static final Object NULL = new Object();

    private final int maxsize;

    /** The items; guarded by {@code this}, as are both kinds of waiters. */
    private final ArrayDeque<Object> items = new ArrayDeque<>();

    /** The futures of the tasks waiting in {@link #get()}, each of its own loop; a woken one is removed. */
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();

    /** The futures of the tasks waiting in {@link #put}, each of its own loop; a woken one is removed. */
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();

    /** An unbounded queue. */
    public ThreadSafeQueue() {
        this(0);
    }

    /** A queue that holds at most {@code maxsize} items; zero or less means unbounded. */
    public ThreadSafeQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    /** How many items the queue holds now, asyncio's {@code qsize()}; another thread may change it at once. */
    public synchronized int qsize() {
        return items.size();
    }

    /** How many items the queue may hold, zero or less for no limit, asyncio's {@code maxsize}. */
    public int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no items now, asyncio's {@code empty()}. */
    public synchronized boolean empty() {
        return items.isEmpty();
    }

    /** Whether the queue holds {@code maxsize} items now; never for an unbounded queue. asyncio's {@code full()}. */
    public synchronized boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * A coroutine that adds {@code item}, asyncio's {@code put(item)}: at once and without suspending
     * unless the queue is full; otherwise it waits for room, in line with the other putters of every
     * loop. Cancelled while waiting, it throws {@link CancelledError} and adds nothing.
     */
    public Coroutine<Void> put(T item) {
        return new WaitInLine<>("ThreadSafeQueue.put", putters, this::full, () -> {
            putNowait(item);
            return null;
        });
    }

    /**
     * Adds {@code item} without waiting and wakes the first waiting getter, on whatever loop it
     * waits, asyncio's {@code put_nowait(item)}; {@link QueueFullException} if the queue is full.
     * From any thread.
     */
    public void putNowait(T item) {
        Future<Void> getter;
        synchronized (this) {
            if (maxsize > 0 && items.size() >= maxsize) {
                throw new QueueFullException("queue full: maxsize=" + maxsize);
            }
            items.addLast(item == null ? NULL : item);
            getter = getters.pollFirst();
        }
        wakeUp(getter, getters, this::empty);
    }

    /**
     * A coroutine that removes and returns the next item, asyncio's {@code get()}: at once and without
     * suspending unless the queue is empty; otherwise it waits for an item, in line with the other
     * getters of every loop. Cancelled while waiting, it throws {@link CancelledError} and takes nothing.
     */
    public Coroutine<T> get() {
        return new WaitInLine<>("ThreadSafeQueue.get", getters, this::empty, this::getNowait);
    }

    /**
     * Removes and returns the next item without waiting and wakes the first waiting putter, asyncio's
     * {@code get_nowait()}; {@link QueueEmptyException} if the queue is empty. From any thread.
     */
    @SuppressWarnings("unchecked")
    public T getNowait() {
        Object item;
        Future<Void> putter;
        synchronized (this) {
            item = items.pollFirst();
            if (item == null) {
                throw new QueueEmptyException("queue empty");
            }
            putter = putters.pollFirst();
        }
        wakeUp(putter, putters, this::full);
        return item == NULL ? null : (T) item;
    }

    /**
     * Wakes {@code waiter}, which was taken out of {@code line}, on its own loop. If it was cancelled
     * before the wake-up reached it, the wake-up goes to the next in line, unless the queue is
     * {@code blocked} for that line again by then.
     */
    private void wakeUp(Future<Void> waiter, ArrayDeque<Future<Void>> line, BooleanSupplier blocked) {
        if (waiter == null) {
            return;
        }
        EventLoop loop = waiter.getLoop();
        Runnable wake = () -> {
            if (!waiter.done()) {
                waiter.setResult(null);
                return;
            }
            Future<Void> next;
            synchronized (this) {
                next = blocked.getAsBoolean() ? null : line.pollFirst();
            }
            wakeUp(next, line, blocked);
        };
        if (isLoopThread(loop)) {
            wake.run();
            return;
        }
        try {
            loop.callSoonThreadsafe(wake);
        } catch (IllegalStateException closed) {
            // the waiter's loop is closed and nobody waits there any more: give the wake-up on
            Future<Void> next;
            synchronized (this) {
                next = blocked.getAsBoolean() ? null : line.pollFirst();
            }
            wakeUp(next, line, blocked);
        }
    }

    private static boolean isLoopThread(EventLoop loop) {
        try {
            return EventLoop.getRunningLoop() == loop;
        } catch (IllegalStateException noLoopHere) {
            return false;
        }
    }

    @Override
    public synchronized String toString() {
        return "ThreadSafeQueue[maxsize=" + maxsize + " qsize=" + items.size()
                + (getters.isEmpty() ? "" : " getters=" + getters.size())
                + (putters.isEmpty() ? "" : " putters=" + putters.size()) + "]";
    }

    /**
     * A {@link LineWait} in {@code line} while {@code blocked} holds, then returning what
     * {@code proceed} does; the check and the joining of the line are one step under the queue's
     * monitor, so a wake-up from another thread cannot fall between them.
     */
    private final class WaitInLine<R> extends LineWait<R> {
        private final ArrayDeque<Future<Void>> line;
        private final BooleanSupplier blocked;
        private final Supplier<R> proceed;

        private Future<Void> waiter;

        WaitInLine(String method, ArrayDeque<Future<Void>> line, BooleanSupplier blocked, Supplier<R> proceed) {
            super(method);
            this.line = line;
            this.blocked = blocked;
            this.proceed = proceed;
        }

        @Override
        Object proceedOrWait() {
            while (true) {
                synchronized (ThreadSafeQueue.this) {
                    if (blocked.getAsBoolean()) {
                        waiter = EventLoop.getRunningLoop().createFuture();
                        line.addLast(waiter);
                        return waitForWakeUp(waiter);
                    }
                }
                try {
                    return finish(proceed.get());
                } catch (QueueEmptyException | QueueFullException takenMeanwhile) {
                    // another thread took the item (or the room) between the check and here: wait again
                }
            }
        }

        @Override
        void leaveLine() {
            boolean wasWoken;
            Future<Void> next = null;
            synchronized (ThreadSafeQueue.this) {
                wasWoken = !line.remove(waiter);
                if (wasWoken && waiter.done() && !waiter.cancelled() && !blocked.getAsBoolean()) {
                    next = line.pollFirst();
                }
            }
            waiter.cancel(); // in case it is not done yet
            wakeUp(next, line, blocked);
        }
    }
}
