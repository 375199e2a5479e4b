// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * What a loop does in debug mode beyond its thread check, asyncio's {@code set_debug}: it times each
 * callback and warns about slow ones, and counts the loop among those whose coroutines
 * {@link NeverAwaitedReport} tracks. The flag itself and the thread check stay in {@link EventLoop},
 * since every {@code callSoon} reads them. Loop thread only.
 */
final class DebugMode {
    /** Whether loops start in debug mode: the system property {@code jasyncio.debug}, asyncio's {@code PYTHONASYNCIODEBUG}. */
    static final boolean BY_DEFAULT = Boolean.getBoolean("jasyncio.debug");

    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private final EventLoop loop;

    private final Clock clock;

    /** Debug mode warns about callbacks that run at least this long, in nanoseconds of the loop's clock. */
    long slowCallbackNanos = LoopTime.secondsToNanos(0.1);

    /** Whether the running loop counts as one in debug mode for {@link NeverAwaitedReport}. */
    private boolean trackingCoroutineOrigins;

    DebugMode(EventLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    /** Runs one ready entry and warns if it took {@link EventLoop#getSlowCallbackDuration()} or longer. */
    void runAndTime(Object entry) {
        long start = clock.nanoTime();
        loop.runReadyEntry(entry);
        long took = clock.nanoTime() - start;
        if (took >= slowCallbackNanos) {
            LOGGER.log(Level.WARNING, String.format(Locale.ROOT, "Executing %s took %.3f seconds",
                    entry, LoopTime.nanosToSeconds(took)));
        }
    }

    /** Counts the running loop among those in debug mode, or stops counting it. */
    void trackCoroutineOrigins(boolean enabled) {
        if (enabled && !trackingCoroutineOrigins) {
            NeverAwaitedReport.debugLoopStarted();
        } else if (!enabled && trackingCoroutineOrigins) {
            NeverAwaitedReport.debugLoopStopped();
        }
        trackingCoroutineOrigins = enabled;
    }
}
