// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded {@code callSoonThreadsafe}: other threads schedule callbacks on a loop through it, and at
 * most {@code capacity} of them wait to run at any time. {@link #submit} then blocks the calling
 * thread until the loop has run one, {@link #trySubmit} refuses. asyncio has no such thing (its
 * {@code call_soon_threadsafe} is unbounded, as {@link EventLoop#callSoonThreadsafe} is); it is the
 * back-pressure that producers need when they can outrun the loop, so that memory stays bounded.
 *
 * <p>Thread-safe. A callback's place is freed when the loop starts running it, or when its handle is
 * cancelled (from the loop's thread, as every handle is). The bound covers the callbacks submitted
 * through this submitter only; several submitters on one loop each have their own.
 */
public final class ThreadsafeSubmitter {
    /** How often a blocked {@link #submit} checks whether the loop was closed meanwhile, in milliseconds. */
    private static final long CLOSED_CHECK_MILLIS = 100;

    private final EventLoop loop;

    /** One permit for each free place. */
    private final Semaphore room;

    /** How many callbacks may wait. */
    private final int capacity;

    /** A submitter to {@code loop} that lets at most {@code capacity} callbacks wait to run. */
    public ThreadsafeSubmitter(EventLoop loop, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Schedules {@code callback} as {@code callSoonThreadsafe} does, first waiting, if {@code capacity}
     * callbacks wait already, until the loop runs one. {@link IllegalStateException} if the loop is
     * or gets closed, or if called on the loop's own thread when full (it would wait for itself);
     * {@link InterruptedException} if the thread is interrupted while it waits.
     */
    public Handle submit(Runnable callback) throws InterruptedException {
        Objects.requireNonNull(callback, "callback");
        if (EventLoop.runningLoopOrNull() == loop) {
            Handle handle = trySubmit(callback); // waiting here would wait for this very thread
            if (handle == null) {
                throw new IllegalStateException("ThreadsafeSubmitter.submit() called on the loop's own thread with "
                        + capacity + " callbacks waiting: it would wait for itself");
            }
            return handle;
        }
        while (!room.tryAcquire(CLOSED_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
            if (loop.isClosed()) {
                throw new IllegalStateException("Event loop is closed"); // a closed loop frees no place
            }
        }
        return schedule(callback);
    }

    /**
     * Schedules {@code callback} as {@code callSoonThreadsafe} does if fewer than {@code capacity}
     * callbacks wait, and returns its handle; returns {@code null}, scheduling nothing, otherwise.
     */
    public Handle trySubmit(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (!room.tryAcquire()) {
            return null;
        }
        return schedule(callback);
    }

    /** How many more callbacks may be submitted now without waiting. */
    public int remainingCapacity() {
        return room.availablePermits();
    }

    private Handle schedule(Runnable callback) {
        PlaceHolding handle = new PlaceHolding(callback, CurrentContext.map(), room);
        try {
            return loop.callSoonThreadsafe(handle);
        } catch (RuntimeException | Error refused) {
            room.release();
            throw refused;
        }
    }

    /** A handle that holds a place of its submitter until it runs or is cancelled. */
    private static final class PlaceHolding extends Handle {
        private Semaphore room;

        PlaceHolding(Runnable callback, ContextMap context, Semaphore room) {
            super(callback, context);
            this.room = room;
        }

        /** Frees the place once: the loop's thread is the only one that runs or cancels a handle. */
        private void freePlace() {
            if (room != null) {
                room.release();
                room = null;
            }
        }

        @Override
        void run() {
            freePlace();
            super.run();
        }

        @Override
        public void cancel() {
            freePlace();
            super.cancel();
        }
    }
}
