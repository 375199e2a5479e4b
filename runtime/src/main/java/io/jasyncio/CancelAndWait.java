// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;

/**
 * asyncio's {@code _cancel_and_wait(fut)}: cancels a future or task and waits until it is done, so
 * that its cleanup ({@code finally} blocks that may await) has run when this returns.
 *
 * <p>It waits on a waiter future of its own rather than on the cancelled one, so that cancelling the
 * task that awaits this interrupts the wait without touching the cancelled future again.
 */
final class CancelAndWait extends HandWrittenCoroutine<Void> {
    private static final int RELEASED = 1;

    private final Future<?> cancelled;
    private ReleaseWaiter release;

    CancelAndWait(Future<?> cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                Future<Void> waiter = cancelled.getLoop().createFuture();
                release = new ReleaseWaiter(waiter);
                cancelled.addDoneCallback(release);
                try {
                    cancelled.cancel();
                } catch (Throwable failure) {
                    cancelled.removeDoneCallback(release);
                    throw failure;
                }
                return await(RELEASED, waiter);
            case RELEASED:
                try {
                    awaited();
                } finally {
                    cancelled.removeDoneCallback(release);
                }
                return finish(null);
            default:
                throw badLabel(label);
        }
    }

    @Override
    protected String functionName() {
        return "WaitFor.cancelAndWait";
    }
}
