// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.internal.Waiters;

/**
 * The shape of every wait in asyncio's {@code locks.py}, as a coroutine that returns {@code true}:
 * <pre>{@code
 * if <no need to wait>: return True
 * fut = loop.create_future(); waiters.append(fut)
 * try:
 *     try:
 *         await fut
 *     finally:
 *         waiters.remove(fut)
 * except CancelledError:
 *     <cancelled(fut)>; raise
 * <woken()>; return True
 * }</pre>
 * A primitive fills in the three parts in angle brackets.
 */
abstract class QueuedWait extends HandWrittenCoroutine<Boolean> {
    private static final int WOKEN = 1;

    private final Waiters<Boolean> waiters;

    private Future<Boolean> waiter;

    QueuedWait(String functionName, Waiters<Boolean> waiters) {
        super(functionName);
        this.waiters = waiters;
    }

    /** The fast path: whether the task may go on at once, without suspending, having done what that takes. */
    abstract boolean proceedsAtOnce();

    /** What the task does once woken, after leaving the waiters. */
    void woken() {
    }

    /**
     * What the task does when cancelled while waiting, after leaving the waiters and before
     * {@link CancelledError} propagates; {@code waiter} is done, and not cancelled if the task had
     * been woken before the cancellation reached it.
     */
    void cancelled(Future<Boolean> waiter) {
    }

    @Override
    protected final Object step(int label) {
        switch (label) {
            case START:
                if (proceedsAtOnce()) {
                    return finish(true);
                }
                waiter = waiters.add();
                return await(WOKEN, waiter);
            case WOKEN:
                try {
                    try {
                        awaited();
                    } finally {
                        waiters.remove(waiter);
                    }
                } catch (CancelledError cancellation) {
                    cancelled(waiter); // after the removal, so that it never wakes this task itself
                    throw cancellation;
                }
                woken();
                return finish(true);
            default:
                throw badLabel(label);
        }
    }
}
