// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;

/**
 * The coroutine of a queue operation that waits in a line of waiters while the queue blocks it,
 * then proceeds: asyncio's {@code while self.full(): await putter} before {@code put_nowait}, and
 * {@code while self.empty(): await getter} before {@code get_nowait}. Each kind of queue says how
 * to join and leave its line; the steps between are the same.
 *
 * @param <R> what the operation returns
 */
abstract class LineWait<R> extends HandWrittenCoroutine<R> {
    private static final int WOKEN = 1;

    LineWait(String functionName) {
        super(functionName);
    }

    @Override
    protected final Object step(int label) {
        switch (label) {
            case START:
                return proceedOrWait();
            case WOKEN:
                try {
                    awaited();
                } catch (Throwable failure) {
                    leaveLine();
                    throw failure;
                }
                return proceedOrWait();
            default:
                throw badLabel(label);
        }
    }

    /** Proceeds with {@code return finish(...)}, or joins the line with {@code return waitForWakeUp(waiter)}. */
    abstract Object proceedOrWait();

    /** Leaves the line once the wait failed (the task was cancelled); a waiter woken already passes the wake-up on. */
    abstract void leaveLine();

    /** Suspends until {@code waiter}, this operation's place in the line, is woken; the step must return it. */
    final Object waitForWakeUp(Future<Void> waiter) {
        return await(WOKEN, waiter);
    }
}
