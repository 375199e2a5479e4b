// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.Waiters;

/**
 * A flag that tasks can wait for, asyncio's {@code Event}: {@link #set()} raises it and wakes every
 * waiting task, {@link #clear()} lowers it, and {@link #await()} waits until it is raised.
 *
 * <p>asyncio's {@code wait()} is {@code await()} here, the name
 * {@link java.util.concurrent.CountDownLatch#await()} gives the same operation, because
 * {@link Object#wait()} is final. The waiters wake in the order they began to wait, in the iteration
 * after {@code set()}; a waiter woken by {@code set()} returns {@code true} even if the flag was
 * cleared again before it ran. Loop thread only.
 */
public final class Event {
    /** The futures of the tasks waiting in {@link #await()}, in arrival order. */
    private final Waiters<Boolean> waiters = new Waiters<>(new LoopBinding(this));

    private boolean value;

    /** A new event whose flag is down; it binds to the loop that first waits on it. */
    public Event() {
    }

    /** Whether the flag is raised, asyncio's {@code is_set()}. */
    public boolean isSet() {
        return value;
    }

    /**
     * Raises the flag and wakes every waiting task, in the order they began to wait, asyncio's
     * {@code set()}; does nothing if the flag is up already.
     */
    public void set() {
        if (!value) {
            value = true;
            waiters.wakeUp(Integer.MAX_VALUE, true);
        }
    }

    /** Lowers the flag, so that later waits suspend again until the next {@link #set()}, asyncio's {@code clear()}. */
    public void clear() {
        value = false;
    }

    /**
     * A coroutine that returns {@code true} once the flag is raised, asyncio's {@code wait()}: at once
     * and without suspending if it is up already. Cancelled while waiting, it throws
     * {@link CancelledError} and leaves the waiters.
     */
    public Coroutine<Boolean> await() {
        return new QueuedWait("Event.await", waiters) {
            @Override
            boolean proceedsAtOnce() {
                return value;
            }
        };
    }

    @Override
    public String toString() {
        String state = value ? "set" : "unset";
        return "Event[" + state + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }
}
