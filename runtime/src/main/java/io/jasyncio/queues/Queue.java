// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.Waiters;
import io.jasyncio.locks.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A first-in, first-out queue for producer and consumer tasks, asyncio's {@code Queue}.
 *
 * <p>{@link #put} waits while the queue is full and {@link #get} while it is empty; both continue at
 * once, without suspending, when they need not wait. A queue with a {@code maxsize} of zero or less
 * is unbounded. Unlike {@link java.util.concurrent.BlockingQueue}, waiting suspends the task, never
 * the thread, and {@link #qsize()} can be trusted, since no other task runs between reading it and
 * the next call. Items may be {@code null} (Python's {@code None}).
 *
 * <p>Waiting tasks wake in the order they began to wait. A wake-up reserves nothing: {@code putNowait}
 * wakes the first waiting getter, but another task may take the item before the getter runs, and the
 * getter then waits again, at the back. A waiter cancelled after it was woken passes the wake-up on.
 * {@link #taskDone()} and {@link #join()} count the items that were put but not yet processed.
 * Loop thread only.
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
    private final int maxsize;

    /** The items, in the order that suits the kind of queue: asyncio's {@code _queue}. */
    private final Items<T> items;

    /** The loop of the queue, shared by both kinds of waiters. */
    private final LoopBinding loop = new LoopBinding(this);

    /** The futures of the tasks waiting in {@link #get()}; a woken one is removed as it is woken. */
    private final Waiters<Void> getters = new Waiters<>(loop);

    /** The futures of the tasks waiting in {@link #put}; a woken one is removed as it is woken. */
    private final Waiters<Void> putters = new Waiters<>(loop);

    /** How many items were put and not yet marked done with {@link #taskDone()}. */
    private int unfinishedTasks;

    /** Set while {@link #unfinishedTasks} is zero: what {@link #join()} waits for. */
    private final Event finished = new Event();

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue that holds at most {@code maxsize} items; zero or less means unbounded. */
    public Queue(int maxsize) {
        this(maxsize, new Fifo<>());
    }

    /** A queue that keeps its items in {@code items}, for the other kinds of queue. */
    Queue(int maxsize, Items<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** How many items the queue holds, asyncio's {@code qsize()}. */
    public final int qsize() {
        return items.size();
    }

    /** How many items the queue may hold, zero or less for no limit, asyncio's {@code maxsize}. */
    public final int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no items, asyncio's {@code empty()}. */
    public final boolean empty() {
        return items.size() == 0;
    }

    /** Whether the queue holds {@code maxsize} items; never for an unbounded queue. asyncio's {@code full()}. */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * A coroutine that adds {@code item}, asyncio's {@code put(item)}: at once and without suspending
     * unless the queue is full; otherwise it waits for room, in line with the other putters.
     * Cancelled while waiting, it throws {@link CancelledError} and adds nothing.
     */
    public final Coroutine<Void> put(T item) {
        return new WaitInLine<>(".put", putters, this::full, () -> {
            putNowait(item);
            return null;
        });
    }

    /**
     * Adds {@code item} without waiting and wakes the first waiting getter, asyncio's
     * {@code put_nowait(item)}; {@link QueueFullException} if the queue is full.
     */
    public final void putNowait(T item) {
        if (full()) {
            throw new QueueFullException("queue full: maxsize=" + maxsize);
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        getters.removeAndWakeUpNext(null);
    }

    /**
     * A coroutine that removes and returns the next item, asyncio's {@code get()}: at once and without
     * suspending unless the queue is empty; otherwise it waits for an item, in line with the other
     * getters. Cancelled while waiting, it throws {@link CancelledError} and takes nothing.
     */
    public final Coroutine<T> get() {
        return new WaitInLine<>(".get", getters, this::empty, this::getNowait);
    }

    /**
     * Removes and returns the next item without waiting and wakes the first waiting putter, asyncio's
     * {@code get_nowait()}; {@link QueueEmptyException} if the queue is empty.
     */
    public final T getNowait() {
        if (empty()) {
            throw new QueueEmptyException("queue empty");
        }
        T item = items.take();
        putters.removeAndWakeUpNext(null);
        return item;
    }

    /**
     * Marks one item that was taken from the queue as processed, asyncio's {@code task_done()}; when
     * every item put has been, {@link #join()} returns. {@link IllegalStateException} (Python's
     * {@code ValueError}) if called more times than items were put: Java's convention for a method
     * called more often than the object's state allows, as {@link java.util.Iterator#remove()} twice.
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * A coroutine that waits until every item put into the queue has been marked processed with
     * {@link #taskDone()}, asyncio's {@code join()}; it does not suspend if that is so already.
     */
    public final Coroutine<Void> join() {
        return new Join();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize);
        if (!empty()) {
            text.append(" queue=").append(items.inStorageOrder());
        }
        if (!getters.isEmpty()) {
            text.append(" getters=").append(getters.size());
        }
        if (!putters.isEmpty()) {
            text.append(" putters=").append(putters.size());
        }
        if (unfinishedTasks != 0) {
            text.append(" tasks=").append(unfinishedTasks);
        }
        return text.append(']').toString();
    }

    /**
     * How a kind of queue keeps its items, asyncio's overridable {@code _init}, {@code _put} and
     * {@code _get}.
     *
     * @param <T> the type of the items
     */
    interface Items<T> {
        /** Stores {@code item}, which may be {@code null}. */
        void add(T item);

        /** Removes and returns the item that comes next; only called when there is one. */
        T take();

        /** How many items are stored. */
        int size();

        /** The items as they are stored, for {@code toString()}. */
        List<T> inStorageOrder();
    }

    /** Items kept in a list, as Python keeps them for {@code LifoQueue} and {@code PriorityQueue}. */
    abstract static class ListItems<T> implements Items<T> {
        final ArrayList<T> list = new ArrayList<>();

        @Override
        public final int size() {
            return list.size();
        }

        @Override
        public final List<T> inStorageOrder() {
            return new ArrayList<>(list);
        }
    }

    /** First in, first out. */
    private static final class Fifo<T> implements Items<T> {
        /** Stands for a {@code null} item, which {@link ArrayDeque} cannot hold. */
        private static final Object NULL = new Object();

        private final ArrayDeque<Object> deque = new ArrayDeque<>();

        @Override
        public void add(T item) {
            deque.addLast(item == null ? NULL : item);
        }

        @Override
        public T take() {
            return unmask(deque.pollFirst());
        }

        @Override
        public int size() {
            return deque.size();
        }

        @Override
        public List<T> inStorageOrder() {
            List<T> list = new ArrayList<>(deque.size());
            for (Object item : deque) {
                list.add(unmask(item));
            }
            return list;
        }

        @SuppressWarnings("unchecked")
        private static <T> T unmask(Object item) {
            return item == NULL ? null : (T) item;
        }
    }

    /** A {@link LineWait} in {@code waiters} while {@code blocked} holds, then returning what {@code proceed} does. */
    private final class WaitInLine<R> extends LineWait<R> {
        private final Waiters<Void> waiters;
        private final BooleanSupplier blocked;
        private final Supplier<R> proceed;

        private Future<Void> waiter;

        WaitInLine(String method, Waiters<Void> waiters, BooleanSupplier blocked, Supplier<R> proceed) {
            super(Queue.this.getClass().getSimpleName() + method);
            this.waiters = waiters;
            this.blocked = blocked;
            this.proceed = proceed;
        }

        @Override
        void leaveLine() {
            waiter.cancel(); // in case it is not done yet
            waiters.remove(waiter); // unless the wake-up removed it already
            if (!blocked.getAsBoolean() && !waiter.cancelled()) {
                waiters.removeAndWakeUpNext(null); // woken, but leaving: wake the next in line
            }
        }

        @Override
        Object proceedOrWait() {
            if (blocked.getAsBoolean()) {
                waiter = waiters.add();
                return waitForWakeUp(waiter);
            }
            return finish(proceed.get());
        }
    }

    /** The coroutine of {@link #join()}. */
    private final class Join extends HandWrittenCoroutine<Void> {
        private static final int FINISHED = 1;

        Join() {
            super(Queue.this.getClass().getSimpleName() + ".join");
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    return unfinishedTasks > 0 ? await(FINISHED, finished.await()) : finish(null);
                case FINISHED:
                    awaited();
                    return finish(null);
                default:
                    throw badLabel(label);
            }
        }
    }
}
