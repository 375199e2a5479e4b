// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where the runtime hands its loops to the {@link SlowCallbackEvent} watchdog. It names no flight
 * recorder type, so that it loads where the {@code jdk.jfr} module is absent (a jlinked runtime
 * without it, a modular application that does not read it): there, nothing is watched. Thread-safe.
 * Not API.
 */
public final class SlowCallbacks {
    /** Whether the first loop has started, which is when the recorder's recordings start to be followed. */
    private static final AtomicBoolean FOLLOWING = new AtomicBoolean();

    private SlowCallbacks() {
    }

    /**
     * Told by the runtime as a loop starts to run: the first call has the watchdog follow the flight
     * recorder, watching the loops that {@code loops} lists whenever a recording enables
     * {@code io.jasyncio.SlowCallback}; later calls return at once.
     */
    public static void loopStarted(Supplier<List<WatchedLoop>> loops) {
        if (FOLLOWING.get() || !FOLLOWING.compareAndSet(false, true)) {
            return;
        }
        if (ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            FlightRecording.follow(loops);
        }
    }
}
