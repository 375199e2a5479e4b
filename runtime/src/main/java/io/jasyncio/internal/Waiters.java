// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;

/**
 * The waiters of a synchronisation primitive, asyncio's {@code _waiters} deque: one future per
 * waiting task, in the order the tasks began to wait. Waking a waiter sets its future's result, so
 * the task runs in a later iteration; cancelling a waiting task cancels its future, and the task
 * removes it itself when it resumes. Loop thread only. Not API.
 *
 * <p>Unlike asyncio's deque, whose {@code remove} searches from the front, the futures are the links
 * of a doubly linked list, so that a waiter leaves in constant time wherever it stands: cancelling
 * all of n waiters costs O(n), not O(n²). The order of wake-ups is the deque's: FIFO, done ones skipped.
 *
 * @param <T> the type of the value a waiter is woken with
 */
public final class Waiters<T> {
    /** A waiter's future, which is also its link in the list. */
    private static final class Waiter<T> extends Future<T> {
        /** The neighbours in the list; {@code null} at the ends. */
        Waiter<T> previous;
        Waiter<T> next;

        /** Whether the waiter is still in the list: removing it twice is allowed and does nothing. */
        boolean linked;

        Waiter(EventLoop loop) {
            super(loop);
        }
    }

    /** The oldest waiter, or {@code null}; done ones stay until their task removes them. */
    private Waiter<T> first;

    /** The newest waiter, or {@code null}. */
    private Waiter<T> last;

    /** How many waiters are in the list, done ones included. */
    private int size;

    /** The loop that the owning primitive belongs to. */
    private final LoopBinding loop;

    /** No waiters yet; their futures will be made on {@code loop}. */
    public Waiters(LoopBinding loop) {
        this.loop = loop;
    }

    /** Appends a new waiter, a pending future on the running loop, and returns it. */
    public Future<T> add() {
        Waiter<T> waiter = new Waiter<>(loop.runningLoop());
        waiter.previous = last;
        if (last == null) {
            first = waiter;
        } else {
            last.next = waiter;
        }
        last = waiter;
        waiter.linked = true;
        size++;
        return waiter;
    }

    /** Removes {@code waiter}, if it is still here, in constant time. */
    public void remove(Future<?> waiter) {
        if (waiter instanceof Waiter<?> link && link.linked) {
            @SuppressWarnings("unchecked")
            Waiter<T> own = (Waiter<T>) link;
            unlink(own);
        }
    }

    private void unlink(Waiter<T> waiter) {
        Waiter<T> previous = waiter.previous;
        Waiter<T> next = waiter.next;
        if (previous == null) {
            first = next;
        } else {
            previous.next = next;
        }
        if (next == null) {
            last = previous;
        } else {
            next.previous = previous;
        }
        waiter.previous = null;
        waiter.next = null;
        waiter.linked = false;
        size--;
    }

    /** Whether nobody waits. */
    public boolean isEmpty() {
        return first == null;
    }

    /** How many waiters there are, done ones included. */
    public int size() {
        return size;
    }

    /** The oldest waiter, or {@code null} if there is none. */
    public Future<T> first() {
        return first;
    }

    /** Whether every waiter was cancelled (so, also when there are none). */
    public boolean allCancelled() {
        for (Waiter<T> waiter = first; waiter != null; waiter = waiter.next) {
            if (!waiter.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes the oldest {@code count} waiters that are not done yet with {@code value}, in order, and
     * returns how many it woke. The woken ones stay until their tasks remove them.
     */
    public int wakeUp(int count, T value) {
        int woken = 0;
        for (Waiter<T> waiter = first; waiter != null && woken < count; waiter = waiter.next) {
            if (!waiter.done()) {
                waiter.setResult(value);
                woken++;
            }
        }
        return woken;
    }

    /**
     * Removes waiters from the front until it finds one that is not done, and wakes that one with
     * {@code value}, as {@code asyncio.Queue._wakeup_next} does.
     */
    public void removeAndWakeUpNext(T value) {
        while (first != null) {
            Waiter<T> waiter = first;
            unlink(waiter);
            if (!waiter.done()) {
                waiter.setResult(value);
                return;
            }
        }
    }
}
