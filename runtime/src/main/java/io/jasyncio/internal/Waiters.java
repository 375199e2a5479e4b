// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.Future;
import java.util.ArrayDeque;

/**
 * The waiters of a synchronisation primitive, asyncio's {@code _waiters} deque: one future per
 * waiting task, in the order the tasks began to wait. Waking a waiter sets its future's result, so
 * the task runs in a later iteration; cancelling a waiting task cancels its future, and the task
 * removes it itself when it resumes. Loop thread only. Not API.
 *
 * @param <T> the type of the value a waiter is woken with
 */
public final class Waiters<T> {
    /** The futures of the waiting tasks, oldest first; done ones stay until their task removes them. */
    private final ArrayDeque<Future<T>> futures = new ArrayDeque<>();

    /** The loop that the owning primitive belongs to. */
    private final LoopBinding loop;

    /** No waiters yet; their futures will be made on {@code loop}. */
    public Waiters(LoopBinding loop) {
        this.loop = loop;
    }

    /** Appends a new waiter, a pending future on the running loop, and returns it. */
    public Future<T> add() {
        Future<T> waiter = loop.runningLoop().createFuture();
        futures.addLast(waiter);
        return waiter;
    }

    /** Removes {@code waiter}, if it is still here. */
    public void remove(Future<?> waiter) {
        futures.removeFirstOccurrence(waiter);
    }

    /** Whether nobody waits. */
    public boolean isEmpty() {
        return futures.isEmpty();
    }

    /** How many waiters there are, done ones included. */
    public int size() {
        return futures.size();
    }

    /** The oldest waiter, or {@code null} if there is none. */
    public Future<T> first() {
        return futures.peekFirst();
    }

    /** Whether every waiter was cancelled (so, also when there are none). */
    public boolean allCancelled() {
        for (Future<T> waiter : futures) {
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
        for (Future<T> waiter : futures) {
            if (woken >= count) {
                break;
            }
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
        while (!futures.isEmpty()) {
            Future<T> waiter = futures.pollFirst();
            if (!waiter.done()) {
                waiter.setResult(value);
                return;
            }
        }
    }
}
