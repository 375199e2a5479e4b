// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One daemon thread that watches every running loop of the JVM for {@link SlowCallbackEvent}s while
 * a recording enables them: it looks at each loop every tenth of the threshold, at most every 10 ms
 * and at least every millisecond, and each loop's {@link LoopWatch} tells from the look whether a
 * callback has run for the threshold. The loops do nothing for it but count their iterations' halves
 * ({@link WatchedLoop#phase()}). Thread-safe.
 */
final class SlowCallbackWatchdog implements Runnable {
    /** The longest time between two looks at a loop, in nanoseconds. */
    private static final long LONGEST_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The shortest time between two looks at a loop, in nanoseconds. */
    private static final long SHORTEST_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Supplier<List<WatchedLoop>> loops;

    /** What the watchdog saw of each loop that it looked at last time; guarded by {@code this}. */
    private final Map<WatchedLoop, LoopWatch> watches = new IdentityHashMap<>();

    /** How long a callback runs before it is reported, in nanoseconds. */
    private volatile long thresholdNanos;

    /** Cleared to end the thread. */
    private volatile boolean watching = true;

    private Thread thread;

    private SlowCallbackWatchdog(Supplier<List<WatchedLoop>> loops, long thresholdNanos) {
        this.loops = loops;
        this.thresholdNanos = thresholdNanos;
    }

    /** A watchdog of the loops that {@code loops} lists, reporting callbacks of {@code thresholdNanos} or longer, started. */
    static SlowCallbackWatchdog start(Supplier<List<WatchedLoop>> loops, long thresholdNanos) {
        SlowCallbackWatchdog watchdog = new SlowCallbackWatchdog(loops, thresholdNanos);
        watchdog.thread = new Thread(watchdog, "jasyncio slow-callback watchdog");
        watchdog.thread.setDaemon(true);
        watchdog.thread.start();
        return watchdog;
    }

    /** Reports callbacks of {@code nanos} or longer from the next look on. */
    void setThreshold(long nanos) {
        thresholdNanos = nanos;
    }

    /** Ends the thread after its current look; callbacks it found blocking are not written. */
    void stop() {
        watching = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        while (watching) {
            lookAtLoops();
            long threshold = thresholdNanos;
            LockSupport.parkNanos(this, Math.max(SHORTEST_PERIOD_NANOS, Math.min(LONGEST_PERIOD_NANOS, threshold / 10)));
        }
    }

    /** Looks at every loop once; forgets the loops no longer listed. */
    private synchronized void lookAtLoops() {
        List<WatchedLoop> listed = loops.get();
        watches.keySet().retainAll(listed);
        long threshold = thresholdNanos;
        for (WatchedLoop loop : listed) {
            watches.computeIfAbsent(loop, LoopWatch::new).look(threshold);
        }
    }

    /**
     * Looks at every loop once more as a recording chunk ends, so that a slow callback that returned
     * since the last look is written as finished, then writes those that still run (see
     * {@link LoopWatch#writeInProgress}).
     */
    synchronized void writeBlocksInProgress() {
        lookAtLoops();
        for (LoopWatch watch : watches.values()) {
            watch.writeInProgress();
        }
    }
}
