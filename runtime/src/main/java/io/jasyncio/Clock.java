// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * The source of an event loop's time, asyncio's {@code loop.time()}: the system's monotonic clock,
 * or a {@link FakeClock} that tests advance instead of waiting.
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
     * Lets {@code timeoutNanos} pass while the loop has nothing to run ({@code -1}: until woken).
     * Returns {@code true} if the clock did so itself, {@code false} if the loop must really wait.
     */
    abstract boolean passTimeWithoutWaiting(long timeoutNanos);

    static final class SystemClock extends Clock {
        static final SystemClock INSTANCE = new SystemClock();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        boolean passTimeWithoutWaiting(long timeoutNanos) {
            return false;
        }

        @Override
        public String toString() {
            return "Clock.system()";
        }
    }
}
