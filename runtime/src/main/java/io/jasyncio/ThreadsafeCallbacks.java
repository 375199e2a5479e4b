// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The callbacks that other threads scheduled with {@code callSoonThreadsafe}, on their way to the
 * loop's ready queue: any thread appends, the loop's thread moves them, a bounded batch per iteration.
 *
 * <p>Fairness: asyncio's iteration runs only what was ready when it began, and polls timers and I/O
 * in every iteration. A loop that moved every queued callback before running any would never end its
 * iteration while other threads keep adding them (16 threads adding empty callbacks kept a 0.1 s timer
 * waiting 6 s), so each move takes at most {@link #BATCH} of them: the rest wait for the next
 * iteration, which polls timers and I/O first. A timer therefore runs at most a batch of callbacks late.
 *
 * <p>Back-pressure: this queue is unbounded. If other threads add callbacks faster than the loop runs
 * them, they pile up in memory until the heap is gone; {@code callSoonThreadsafe} never blocks and
 * never refuses. Producers that can outrun the loop use a {@link ThreadsafeSubmitter}, which bounds how
 * many of their callbacks wait, blocking or refusing the next one.
 *
 * <p>A subclass of the JDK's lock-free queue rather than a holder of one, so that the loop reaches
 * the queue without one more indirection in every iteration.
 */
final class ThreadsafeCallbacks extends ConcurrentLinkedQueue<Handle> {
    private static final long serialVersionUID = 1L;

    /** At most this many callbacks from other threads join the ready queue in one move. */
    static final int BATCH = 1024;

    /** Empties the queue as its loop closes, telling each callback that asked ({@code DroppedOnClose}); any thread. */
    void dropAll() {
        Handle handle;
        while ((handle = poll()) != null) {
            handle.droppedOnClose();
        }
    }

    /** Moves the oldest callbacks, at most {@link #BATCH}, to the back of {@code ready}. Loop thread only. */
    void moveTo(ReadyQueue ready) {
        Handle handle;
        for (int moved = 0; moved < BATCH && (handle = poll()) != null; moved++) {
            ready.append(handle);
        }
    }
}
