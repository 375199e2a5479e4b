// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.SourceLines;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code io.jasyncio.SlowCallback} flight-recorder event, read back from a recording as a user's
 * tool reads it: a callback that blocks its loop is recorded with its task or handle, the loop thread
 * and the stack it blocked in; fast callbacks, and a recording that disables the event, record none.
 */
class SlowCallbackEventTest {
    private static final String EVENT = "io.jasyncio.SlowCallback";

    private static final String WATCHDOG = "jasyncio slow-callback watchdog";

    /** How long the slow callbacks block: three times the threshold the recordings set. */
    private static final long BLOCK_MILLIS = 300;

    private static final Duration THRESHOLD = Duration.ofMillis(100);

    private static final String BLOCKING_FRAME = SourceLines.frame(SlowCallbackEventTest.class, "blockFor", "blocks");

    private static final String STEP_FRAME = SourceLines.frame(SlowCallbackEventTest.class, "slowStep", "slow step");

    @TempDir
    Path directory;

    private Recording recording;

    @AfterEach
    void closeRecording() {
        if (recording != null) {
            recording.close();
        }
    }

    static void blockFor(long millis) {
        try {
            Thread.sleep(millis); // <- blocks
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Async
    static Coroutine<String> slowStep() {
        await(sleep(0.2)); // the watchdog has looked at the loop before the step blocks
        blockFor(BLOCK_MILLIS); // <- slow step
        return result("done");
    }

    @Test
    void aTaskStepThatBlocksIsRecordedWithTheStackItBlockedIn() throws Exception {
        startRecording(true);
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertEquals("done", loop.runUntilComplete(loop.createTask(slowStep(), "blocker")));
        } finally {
            loop.close();
        }
        List<RecordedEvent> events = stopAndRead();
        assertEquals(1, events.size(), () -> "events: " + events);
        RecordedEvent event = events.get(0);
        assertTrue(event.getDuration().toMillis() >= BLOCK_MILLIS, () -> "duration " + event.getDuration());
        assertEquals("blocker", event.getString("task"));
        assertEquals("step of blocker", event.getString("callback"));
        assertEquals(Thread.currentThread().getName(), event.getThread("loopThread").getJavaName());
        assertTrue(event.getBoolean("finished"));
        List<String> frames = Arrays.asList(event.getString("blockedStack").split("\n"));
        int blocking = frames.indexOf(BLOCKING_FRAME);
        assertTrue(blocking > 0, () -> "no " + BLOCKING_FRAME + " below Thread.sleep's frames in " + frames);
        assertEquals(STEP_FRAME, frames.get(blocking + 1), () -> "the task's coroutine next, without resume frames: " + frames);
        assertTrue(frames.get(0).contains("java.lang.Thread.sleep"), frames.get(0));
    }

    @Test
    void aPlainCallbackThatBlocksIsRecordedByItsHandle() throws Exception {
        startRecording(true);
        Runnable slowCallback = new Runnable() {
            @Override
            public void run() {
                blockFor(BLOCK_MILLIS);
            }

            @Override
            public String toString() {
                return "slowCallback";
            }
        };
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.runUntilComplete(callSoonAfterALook(loop, slowCallback));
        } finally {
            loop.close();
        }
        List<RecordedEvent> events = stopAndRead();
        assertEquals(1, events.size(), () -> "events: " + events);
        RecordedEvent event = events.get(0);
        assertNull(event.getString("task"));
        assertEquals("Handle[slowCallback]", event.getString("callback"));
        assertTrue(event.getDuration().toMillis() >= BLOCK_MILLIS, () -> "duration " + event.getDuration());
        List<String> frames = Arrays.asList(event.getString("blockedStack").split("\n"));
        assertTrue(frames.contains(BLOCKING_FRAME), () -> "no " + BLOCKING_FRAME + " in " + frames);
        assertTrue(event.getBoolean("finished"));
    }

    /** Schedules {@code callback} once the watchdog has looked at the loop, and returns after it ran. */
    @Async
    static Coroutine<Void> callSoonAfterALook(EventLoop loop, Runnable callback) {
        await(sleep(0.2));
        loop.callSoon(callback);
        await(sleep(0));
        return result(null);
    }

    @Async
    static Coroutine<Integer> busyButNeverSlow(int steps) {
        for (int step = 0; step < steps; step++) {
            blockFor(5);
            await(sleep(0));
        }
        return result(steps);
    }

    @Test
    void callbacksUnderTheThresholdAreNotRecorded() throws Exception {
        startRecording(true);
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertEquals(100, loop.runUntilComplete(busyButNeverSlow(100)));
        } finally {
            loop.close();
        }
        assertEquals(List.of(), stopAndRead());
    }

    @Test
    void aRecordingThatDisablesTheEventRecordsNoneAndStartsNoWatchdog() throws Exception {
        startRecording(false);
        Thread.sleep(1500); // the runtime checks each second for a recorder started after its first loop
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertEquals("done", loop.runUntilComplete(slowStep()));
        } finally {
            loop.close();
        }
        assertFalse(watchdogRuns(), "a watchdog thread runs");
        assertEquals(List.of(), stopAndRead());
    }

    @Test
    void aCallbackStillBlockingWhenTheRecordingStopsIsRecordedUnfinished() throws Exception {
        startRecording(true);
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread loopThread = new Thread(() -> {
            EventLoop loop = Asyncio.newEventLoop();
            loop.callLater(0.2, () -> {
                blocking.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.runUntilComplete(sleep(0.2));
            loop.close();
        }, "blocked loop");
        loopThread.start();
        blocking.await();
        Thread.sleep(BLOCK_MILLIS);
        List<RecordedEvent> events = stopAndRead();
        release.countDown();
        loopThread.join();
        assertEquals(1, events.size(), () -> "events: " + events);
        RecordedEvent event = events.get(0);
        assertFalse(event.getBoolean("finished"));
        assertTrue(event.getDuration().toMillis() >= BLOCK_MILLIS, () -> "duration " + event.getDuration());
        assertEquals("blocked loop", event.getThread("loopThread").getJavaName());
        assertTrue(event.getString("blockedStack").contains("java.util.concurrent.CountDownLatch.await"), event.getString("blockedStack"));
    }

    /** Starts a recording that enables the event at {@link #THRESHOLD}, or disables it, and waits for the watchdog if enabled. */
    private void startRecording(boolean enabled) throws InterruptedException {
        recording = new Recording();
        if (enabled) {
            recording.enable(SlowCallbackEvent.class).withThreshold(THRESHOLD);
        } else {
            recording.disable(SlowCallbackEvent.class);
        }
        recording.start();
        if (enabled) {
            Asyncio.run(sleep(0)); // a loop that starts has the runtime follow the recorder, if no loop did before
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!watchdogRuns()) {
                assertTrue(System.nanoTime() < deadline, "no watchdog thread 10 s after the recording started");
                Thread.sleep(10);
            }
        }
    }

    private static boolean watchdogRuns() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(WATCHDOG));
    }

    /** Stops the recording and reads back its slow-callback events. */
    private List<RecordedEvent> stopAndRead() throws IOException {
        recording.stop();
        Path file = Files.createTempFile(directory, "recording", ".jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream().filter(event -> event.getEventType().getName().equals(EVENT)).toList();
    }
}
