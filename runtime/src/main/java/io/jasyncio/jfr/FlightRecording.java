// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.Threshold;

/**
 * Follows the flight recorder's recordings and runs the {@link SlowCallbackWatchdog} exactly while
 * one of them enables {@code io.jasyncio.SlowCallback}, at the least threshold they set for it.
 *
 * <p>Merely asking the recorder to call back costs a cold JVM 90 to 250 ms of loading on JDK 17
 * (5 to 20 ms on JDK 25), so it is asked only once the recorder is up: at once if a recording runs
 * when the first loop starts ({@code -XX:StartFlightRecording}), else from a daemon thread that
 * checks once a second (a recording started later with {@code jcmd PID JFR.start}). Thread-safe.
 */
final class FlightRecording implements FlightRecorderListener {
    /** How often the daemon thread checks whether the recorder has started, in milliseconds. */
    private static final long RECORDER_CHECK_MILLIS = 1000;

    private final Supplier<List<WatchedLoop>> loops;

    /** The watchdog while a recording enables the event, else {@code null}; replaced only in {@link #update}. */
    private volatile SlowCallbackWatchdog watchdog;

    private FlightRecording(Supplier<List<WatchedLoop>> loops) {
        this.loops = loops;
    }

    /** Follows the recordings from now on, for the loops that {@code loops} lists. */
    static void follow(Supplier<List<WatchedLoop>> loops) {
        FlightRecording recording = new FlightRecording(loops);
        if (FlightRecorder.isInitialized()) {
            recording.listen();
            return;
        }
        Thread waiter = new Thread(() -> {
            try {
                while (!FlightRecorder.isInitialized()) {
                    Thread.sleep(RECORDER_CHECK_MILLIS);
                }
                recording.listen();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "jasyncio flight recorder check");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void listen() {
        // The event's period is endChunk: the recorder calls this as a chunk ends, when it stops or dumps.
        FlightRecorder.addPeriodicEvent(SlowCallbackEvent.class, this::chunkEnds);
        FlightRecorder.addListener(this); // calls recorderInitialized at once: the recorder is up
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        update();
    }

    @Override
    public void recordingStateChanged(Recording recording) {
        update();
    }

    /** Starts, retunes or stops the watchdog after a recording started or stopped. */
    private synchronized void update() {
        SlowCallbackWatchdog running = watchdog;
        if (EventType.getEventType(SlowCallbackEvent.class).isEnabled()) {
            long threshold = thresholdNanos();
            if (running == null) {
                watchdog = SlowCallbackWatchdog.start(loops, threshold);
            } else {
                running.setThreshold(threshold);
            }
        } else if (running != null) {
            running.stop();
            watchdog = null;
        }
    }

    /** Has the watchdog write the callbacks that block now, so that the ending chunk holds them. */
    private void chunkEnds() {
        SlowCallbackWatchdog running = watchdog; // no lock: the recorder may hold its own while it calls this
        if (running != null) {
            running.writeBlocksInProgress();
        }
    }

    /**
     * The least {@code threshold} that a running recording sets for the event, as the recorder
     * combines them, else the event's default. A setting is keyed by the event's name in a
     * configuration ({@code .jfc}, {@code -XX:StartFlightRecording}) and by its id through
     * {@link Recording#enable(Class)}.
     */
    private static long thresholdNanos() {
        EventType type = EventType.getEventType(SlowCallbackEvent.class);
        List<String> keys = List.of(type.getName() + "#threshold", type.getId() + "#threshold");
        long least = Long.MAX_VALUE;
        boolean set = false;
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getState() != RecordingState.RUNNING) {
                continue;
            }
            Map<String, String> settings = recording.getSettings();
            for (String key : keys) {
                String value = settings.get(key);
                if (value != null) {
                    least = Math.min(least, Timespans.parseNanos(value));
                    set = true;
                }
            }
        }
        // Else the event's default, its annotation, read only now: reading annotations loads some fifty classes.
        return set ? least : Timespans.parseNanos(SlowCallbackEvent.class.getAnnotation(Threshold.class).value());
    }
}
