// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.Waiters;
import java.util.function.Supplier;

/**
 * A mutual exclusion lock for tasks, asyncio's {@code Lock}.
 *
 * <p>Unlike {@link java.util.concurrent.locks.ReentrantLock}, it belongs to no task and is not
 * reentrant: any code may release it, and a task that acquires it twice waits for itself forever.
 * Waiting suspends the task, never the thread. Python's {@code async with lock:} is
 * <pre>{@code
 * await(lock.acquire());
 * try {
 *     ...
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 * or, for a body that is a coroutine, {@code await(lock.withLock(() -> body()))}.
 *
 * <p>Fair: tasks acquire the lock in the order they began to wait. {@link #release()} does not hand
 * the lock over; it wakes the first waiter, which takes the lock when it runs, in a later iteration.
 * Until then the lock is free, but a new {@code acquire()} sees the waiters and queues behind them,
 * so a task that releases the lock and acquires it again goes to the back. A waiter that is
 * cancelled after it was woken passes the wake-up on to the next one. Loop thread only.
 */
public final class Lock {
    /** The futures of the tasks waiting in {@link #acquire()}, in arrival order. */
    private final Waiters<Boolean> waiters = new Waiters<>(new LoopBinding(this));

    private boolean locked;

    /** A new unlocked lock; it binds to the loop that first waits on it. */
    public Lock() {
    }

    /** Whether the lock is held, asyncio's {@code locked()}. */
    public boolean locked() {
        return locked;
    }

    /**
     * A coroutine that acquires the lock and returns {@code true}, asyncio's {@code acquire()}: if the
     * lock is free and nobody waits (cancelled waiters aside), it takes it without suspending;
     * otherwise it waits its turn. Cancelled while waiting, it throws {@link CancelledError} without
     * the lock and leaves the queue.
     */
    public Coroutine<Boolean> acquire() {
        return new QueuedWait("Lock.acquire", waiters) {
            @Override
            boolean proceedsAtOnce() {
                if (!locked && waiters.allCancelled()) {
                    locked = true;
                    return true;
                }
                return false;
            }

            @Override
            void woken() {
                locked = true;
            }

            @Override
            void cancelled(Future<Boolean> waiter) {
                if (!locked) {
                    wakeUpFirst(); // this task may have been woken: pass the wake-up on
                }
            }
        };
    }

    /**
     * Releases the lock and wakes the first waiter, asyncio's {@code release()};
     * {@link IllegalStateException} (Python's {@code RuntimeError}) if the lock is not held.
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /**
     * A coroutine that acquires the lock, awaits the coroutine that {@code body} makes, releases the
     * lock whatever way the body ended and returns its result: Python's
     * {@code async with lock: return await body()}. Its exceptions are those of
     * {@code await(acquire()); try { return result(await(body.get())); } finally { release(); }}.
     */
    public <T> Coroutine<T> withLock(Supplier<? extends Awaitable<? extends T>> body) {
        return new Holding<>("Lock.withLock", this::acquire, this::release, body);
    }

    /**
     * Wakes the first waiter unless it is done already: a done one was woken (or cancelled) before
     * and will take the lock, or pass the wake-up on, when it runs.
     */
    private void wakeUpFirst() {
        Future<Boolean> first = waiters.first();
        if (first != null && !first.done()) {
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        String state = locked ? "locked" : "unlocked";
        return "Lock[" + state + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }
}
