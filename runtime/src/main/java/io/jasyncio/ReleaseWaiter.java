// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.function.Consumer;

/**
 * asyncio's {@code _release_waiter}: finishes a waiter future with {@code null} unless it is done
 * already. It serves both as a timer callback and as a done callback of the futures waited for, and
 * it is one object so that {@link Future#removeDoneCallback} can find it again.
 */
final class ReleaseWaiter implements Runnable, Consumer<Future<?>> {
    private final Future<Void> waiter;

    ReleaseWaiter(Future<Void> waiter) {
        this.waiter = waiter;
    }

    /** Releases the waiter, as the timer callback. */
    @Override
    public void run() {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    /** Releases the waiter, as the done callback of {@code done}. */
    @Override
    public void accept(Future<?> done) {
        run();
    }

    @Override
    public String toString() {
        return "release waiter " + waiter;
    }
}
