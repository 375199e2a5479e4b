// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Virtual time for tests: a clock that starts at 0 and moves only while the loop has nothing to run,
 * so that a test of a one-hour timeout runs in microseconds and always sees the same times.
 *
 * <p>The rule, checked each time the loop has nothing ready to run:
 * <ol>
 *   <li>A {@link SelectorEventLoop} first polls its channels without waiting: I/O already in flight
 *       (data written on a loopback connection, a connection made) runs before time moves.
 *   <li>If the loop waits for work it started outside itself (a job of {@code runInExecutor} or
 *       {@code toThread}, a {@code CompletionStage} being awaited), it waits in real time, and this
 *       clock advances by the real time that passed, never beyond the next timer: virtual time then
 *       runs at real speed, so the result arrives at the virtual moment it would in reality, and a
 *       timeout still fires if it never does.
 *   <li>Otherwise, if a timer is pending, the clock jumps to it at once.
 *   <li>With no timer, a loop with channels registered waits for I/O in real time (never spinning),
 *       and this clock advances by the time waited; a loop with nothing at all that could wake it
 *       fails with {@link IllegalStateException} "the loop would wait forever" instead of hanging.
 * </ol>
 * So a socket waiting for data or a server waiting for a connection does not hold virtual time back
 * when a timer is pending: the loop cannot tell whether the peer will ever answer, which is what a
 * test of a read timeout checks. A peer in another thread or process that the loop does not know of
 * (a thread of the test, another program) needs real time: the system clock.
 */
public final class FakeClock extends Clock {
    private long now;

    /** How many results of work outside the loop the loop waits for; loop thread only. */
    private int outsideWork;

    /** A clock that reads 0 until the loop or {@link #advance} moves it. */
    public FakeClock() {
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Moves the clock forward by {@code seconds}, without running anything: timers that come due run
     * in the loop's next iteration. Negative values are refused.
     */
    public void advance(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds < 0: " + seconds);
        }
        now = LoopTime.saturatedAdd(now, LoopTime.secondsToNanos(seconds));
    }

    @Override
    boolean passTimeWithoutWaiting(long timeoutNanos, boolean ioMayArrive) {
        if (outsideWork > 0) {
            return false;
        }
        if (timeoutNanos >= 0) {
            now = LoopTime.saturatedAdd(now, timeoutNanos);
            return true;
        }
        if (ioMayArrive) {
            return false;
        }
        throw new IllegalStateException(
                "the loop would wait forever: nothing is ready and no timer is scheduled (fake clock at "
                        + LoopTime.nanosToSeconds(now) + " s)");
    }

    @Override
    void waitedInRealTime(long waitedNanos, long timeoutNanos) {
        now = LoopTime.saturatedAdd(now, timeoutNanos >= 0 ? Math.min(waitedNanos, timeoutNanos) : waitedNanos);
    }

    @Override
    void outsideWorkStarted() {
        outsideWork++;
    }

    @Override
    void outsideWorkEnded() {
        outsideWork--;
    }

    @Override
    public String toString() {
        return "FakeClock[" + LoopTime.nanosToSeconds(now) + " s]";
    }
}
