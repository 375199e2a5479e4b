// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * A clock for tests: it starts at 0 and moves only when the loop would otherwise wait, jumping
 * straight to the next timer's deadline, so a test of a one-hour timeout runs in microseconds and
 * always sees the same times.
 */
public final class FakeClock extends Clock {
    private long now;

    /** A clock that reads 0 until the loop or {@link #advance} moves it. */
    public FakeClock() {
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock forward by {@code seconds}; negative values are refused. */
    public void advance(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds < 0: " + seconds);
        }
        now = EventLoop.saturatedAdd(now, EventLoop.secondsToNanos(seconds));
    }

    @Override
    boolean passTimeWithoutWaiting(long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalStateException(
                    "the loop would wait forever: nothing is ready and no timer is scheduled (fake clock at "
                            + EventLoop.nanosToSeconds(now) + " s)");
        }
        now = EventLoop.saturatedAdd(now, timeoutNanos);
        return true;
    }

    @Override
    public String toString() {
        return "FakeClock[" + EventLoop.nanosToSeconds(now) + " s]";
    }
}
