// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * The source of an event loop's time, asyncio's {@code loop.time()}: the system's monotonic clock,
 * or a {@link FakeClock}, virtual time, that jumps to the next timer instead of waiting for it.
 *
 * <p>The loop asks its clock what to do whenever it has nothing to run: the system clock always lets
 * it wait in real time; a fake clock decides by {@link FakeClock}'s rule, and learns how long the
 * loop then really waited.
 */
public abstract sealed class Clock permits Clock.SystemClock, FakeClock {
    Clock() {
    }

    /** The monotonic system clock, {@link System#nanoTime()}. */
    public static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The current time in nanoseconds; only differences are meaningful. */
    public abstract long nanoTime();

    /**
     * Lets {@code timeoutNanos} pass while the loop has nothing to run and found no I/O ready
     * ({@code -1}: no timer, until woken); {@code ioMayArrive} tells whether channels are registered.
     * Returns {@code true} if the clock did so itself, {@code false} if the loop must really wait.
     */
    abstract boolean passTimeWithoutWaiting(long timeoutNanos, boolean ioMayArrive);

    /**
     * The loop has just waited {@code waitedNanos} of real time, for at most {@code timeoutNanos}
     * ({@code -1}: without limit), after {@link #passTimeWithoutWaiting} said it must.
     */
    void waitedInRealTime(long waitedNanos, long timeoutNanos) {
    }

    /** The loop started waiting for work done outside it, in another thread; its result comes through {@code callSoonThreadsafe}. */
    void outsideWorkStarted() {
    }

    /** Work counted by {@link #outsideWorkStarted()} ended, or nobody waits for it any more. */
    void outsideWorkEnded() {
    }

    static final class SystemClock extends Clock {
        static final SystemClock INSTANCE = new SystemClock();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        boolean passTimeWithoutWaiting(long timeoutNanos, boolean ioMayArrive) {
            return false;
        }

        @Override
        public String toString() {
            return "Clock.system()";
        }
    }
}
