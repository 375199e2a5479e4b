// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/** The loop's arithmetic of time: seconds as the API takes them, nanoseconds as the clock counts them. */
final class LoopTime {
    private LoopTime() {
    }

    /** Seconds to nanoseconds, rounded up, saturating: an infinite delay is the largest one, never a wrapped one. */
    static long secondsToNanos(double seconds) {
        return (long) Math.ceil(seconds * 1e9);
    }

    /**
     * {@code a + b}, or the largest or smallest long where that overflows, so that a deadline as far
     * as {@code sleep(Double.POSITIVE_INFINITY)} stays in the future and never wraps into the past.
     */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    /** Nanoseconds of the clock to seconds, asyncio's unit. */
    static double nanosToSeconds(long nanos) {
        return nanos / 1e9;
    }
}
