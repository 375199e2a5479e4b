// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

/**
 * A callback, scheduled with {@code callSoon} or {@code callSoonThreadsafe}, that must learn if its
 * loop closes before running it, because it holds something that would otherwise leak (a socket
 * handed to that loop, say). Closing a loop drops the callbacks still queued, as asyncio's
 * {@code close()} clears its ready queue; it tells each such callback once, in the thread that
 * closes the loop, instead of running it. Not API.
 */
public interface DroppedOnClose {
    /** The loop closed before running this callback: release what it holds. Must not throw. */
    void droppedOnClose();
}
