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
 * A counter of permits for tasks, asyncio's {@code Semaphore} (as of CPython 3.11.7):
 * {@link #acquire()} takes a permit, waiting while there is none, and {@link #release()} gives one
 * back. Python's {@code async with semaphore:} is {@code await(semaphore.acquire()); try { ... }
 * finally { semaphore.release(); }}, or {@code await(semaphore.withPermit(() -> body()))}.
 *
 * <p>Fair: tasks get permits in the order they began to wait. Releasing a permit while tasks wait
 * reserves it for the first of them at once (the value does not go up), so that a task arriving
 * before the woken one runs cannot take it. A waiter cancelled after it was woken gives its reserved
 * permit back and wakes the next one. Unlike {@link java.util.concurrent.Semaphore}, the number of
 * releases is not bounded by the acquires; {@link BoundedSemaphore} checks it. Loop thread only.
 */
public class Semaphore {
    /** The futures of the tasks waiting in {@link #acquire()}, in arrival order. */
    private final Waiters<Boolean> waiters = new Waiters<>(new LoopBinding(this));

    /** The free permits: never negative; a permit reserved for a woken waiter is not counted. */
    int value;

    /** A semaphore with one permit, a lock that any task may release. */
    public Semaphore() {
        this(1);
    }

    /** A semaphore with {@code value} permits; {@link IllegalArgumentException} if it is negative. */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0: " + value);
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would have to wait, asyncio's {@code locked()}: no permit is free, or
     * a task that was not cancelled waits already and comes first.
     */
    public final boolean locked() {
        return value == 0 || !waiters.allCancelled();
    }

    /**
     * A coroutine that takes a permit and returns {@code true}, asyncio's {@code acquire()}: at once
     * and without suspending unless {@link #locked()}; otherwise it waits its turn. Cancelled while
     * waiting, it throws {@link CancelledError} without a permit.
     */
    public final Coroutine<Boolean> acquire() {
        return new QueuedWait(getClass().getSimpleName() + ".acquire", waiters) {
            @Override
            boolean proceedsAtOnce() {
                if (!locked()) {
                    value--;
                    return true;
                }
                return false;
            }

            @Override
            void woken() {
                if (value > 0) {
                    wakeUpNext(); // permits released while this task was being woken
                }
            }

            @Override
            void cancelled(Future<Boolean> waiter) {
                if (!waiter.cancelled()) {
                    // Woken, so a permit was reserved for this task: give it to the next waiter.
                    value++;
                    wakeUpNext();
                }
            }
        };
    }

    /**
     * Gives a permit back and wakes the first waiting task, reserving the permit for it, asyncio's
     * {@code release()}.
     */
    public void release() {
        value++;
        wakeUpNext();
    }

    /**
     * A coroutine that takes a permit, awaits the coroutine that {@code body} makes, gives the permit
     * back whatever way the body ended and returns its result: Python's
     * {@code async with semaphore: return await body()}, with the exceptions of
     * {@code await(acquire()); try { return result(await(body.get())); } finally { release(); }}.
     */
    public final <T> Coroutine<T> withPermit(Supplier<? extends Awaitable<? extends T>> body) {
        return new Holding<>(getClass().getSimpleName() + ".withPermit", this::acquire, this::release, body);
    }

    /** Wakes the first waiter that is not done, reserving a permit for it; whether there was one. */
    private void wakeUpNext() {
        if (waiters.wakeUp(1, true) == 1) {
            value--;
        }
    }

    @Override
    public String toString() {
        String state = locked() ? "locked" : "unlocked value=" + value;
        return getClass().getSimpleName() + "[" + state + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }
}
