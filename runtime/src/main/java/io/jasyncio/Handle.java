// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.DroppedOnClose;

/**
 * A callback scheduled on an {@link EventLoop} by {@code callSoon}, asyncio's {@code Handle}.
 *
 * <p>The loop runs it once, in the iteration after it was scheduled, unless it was cancelled
 * first. Handles are not thread-safe: cancel them from the loop's thread.
 */
public class Handle {
    /** What the loop runs; {@code null} once the handle is cancelled, so that it holds nothing. */
    private Runnable callback;

    /** Whether {@link #cancel()} was called. */
    private boolean cancelled;

    /**
     * The context the callback runs in: the one current when it was scheduled. The loop stores back
     * what the callback set, which matters to a handle that runs again and again (a task's step, an
     * I/O reader), as asyncio runs such a handle in the same context object each time.
     */
    ContextMap context;

    Handle(Runnable callback, ContextMap context) {
        this.callback = callback;
        this.context = context;
    }

    /** Cancels the callback: if the loop has not run it yet, it never will. Idempotent. */
    public void cancel() {
        cancelled = true;
        callback = null;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the callback; only the loop calls this, and never for a cancelled handle. */
    void run() {
        callback.run();
    }

    /** The loop closed with this handle still queued: tells its callback if it asked to know ({@link DroppedOnClose}). */
    void droppedOnClose() {
        if (callback instanceof DroppedOnClose dropped) {
            callback = null;
            dropped.droppedOnClose();
        }
    }

    /** The callback, for {@code toString}; subclasses that run other code describe it instead. */
    String describeCallback() {
        return String.valueOf(callback);
    }

    @Override
    public String toString() {
        return cancelled ? "Handle[cancelled]" : "Handle[" + describeCallback() + "]";
    }
}
