// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * A callback scheduled for a point in loop time by {@code callLater} or {@code callAt}, asyncio's
 * {@code TimerHandle}.
 *
 * <p>Timers run in deadline order; unlike CPython, whose heap breaks ties arbitrarily, timers with
 * equal deadlines run in the order they were scheduled.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    /** The deadline, in nanoseconds of the loop's clock. */
    final long whenNanos;

    /** Breaks ties between equal deadlines: the timer queue's number for this handle, in scheduling order. */
    long sequence;

    /** The loop whose timer queue holds this handle, told of cancellations to compact its queue. */
    private final EventLoop loop;

    /** Whether the handle is still in the loop's timer queue (not yet due, or due but not moved). */
    boolean scheduled = true;

    /** A timer for {@code callLater}; IntelliJ's debugger takes its creation as where its callback was scheduled. */
    @org.jetbrains.annotations.Async.Schedule
    TimerHandle(EventLoop loop, long whenNanos, Runnable callback, ContextMap context) {
        super(callback, context);
        this.loop = loop;
        this.whenNanos = whenNanos;
    }

    /** The deadline in loop time, seconds, as {@link EventLoop#time()} counts them. */
    public double when() {
        return LoopTime.nanosToSeconds(whenNanos);
    }

    @Override
    public void cancel() {
        if (!cancelled() && scheduled) {
            loop.timerCancelled();
        }
        super.cancel();
    }

    @Override
    public int compareTo(TimerHandle other) {
        int byDeadline = Long.compare(whenNanos, other.whenNanos);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return (cancelled() ? "TimerHandle[cancelled" : "TimerHandle[" + describeCallback())
                + " when=" + when() + "]";
    }
}
