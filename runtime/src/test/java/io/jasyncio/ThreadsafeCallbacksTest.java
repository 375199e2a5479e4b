// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Other threads flooding a loop with {@code callSoonThreadsafe}: the loop stays fair (timers run in
 * time, measured in callbacks run late, not in seconds), and a {@link ThreadsafeSubmitter} keeps the
 * callbacks waiting within its capacity.
 */
class ThreadsafeCallbacksTest {
    private static final int PRODUCERS = 16;

    /** How many callbacks the bounded flood runs; {@code -Djasyncio.flood.callbacks=N} makes it a longer stress run. */
    private static final int BOUNDED_FLOOD = Integer.getInteger("jasyncio.flood.callbacks", 200_000);

    /** Starts {@link #PRODUCERS} threads that each run {@code produce} until {@code stop} is set. */
    private static List<Thread> startProducers(AtomicBoolean stop, Runnable produce) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PRODUCERS; i++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    produce.run();
                }
            }, "producer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private static void stopProducers(AtomicBoolean stop, List<Thread> producers) throws InterruptedException {
        stop.set(true);
        for (Thread producer : producers) {
            producer.join();
        }
    }

    /** Counts, on the loop's thread, the flood's callbacks that ran after the timer was due and before it ran. */
    private static final class Lateness {
        double deadline = Double.MAX_VALUE;
        boolean timerRan;
        long lateCallbacks;
    }

    @Test
    void aTimerRunsWithinABatchOfItsDeadlineWhileSixteenThreadsFloodTheLoop() throws Exception {
        EventLoop loop = new EventLoop();
        AtomicBoolean stop = new AtomicBoolean();
        Lateness lateness = new Lateness();
        Runnable flood = () -> {
            if (!lateness.timerRan && loop.time() >= lateness.deadline) {
                lateness.lateCallbacks++;
            }
        };
        List<Thread> producers = startProducers(stop, () -> loop.callSoonThreadsafe(flood));
        try {
            Future<Void> timerRan = loop.createFuture();
            lateness.deadline = loop.time() + 0.1;
            loop.callAt(lateness.deadline, () -> {
                lateness.timerRan = true;
                timerRan.setResult(null);
            });
            loop.runUntilComplete(timerRan);
        } finally {
            stopProducers(stop, producers);
            loop.close();
        }
        // The iteration running when the timer came due, then at most one batch queued ahead of it.
        assertTrue(lateness.lateCallbacks <= 2L * ThreadsafeCallbacks.BATCH + PRODUCERS,
                "callbacks run after the timer was due: " + lateness.lateCallbacks);
    }

    @Test
    void aSubmitterKeepsTheWaitingCallbacksWithinItsCapacityWhileSixteenThreadsFloodTheLoop() throws Exception {
        int capacity = 1000;
        EventLoop loop = new EventLoop();
        ThreadsafeSubmitter submitter = new ThreadsafeSubmitter(loop, capacity);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger mostWaiting = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable flood = () -> {
            waiting.decrementAndGet();
            ran.incrementAndGet();
        };
        List<Thread> producers = startProducers(stop, () -> {
            mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
            try {
                submitter.submit(flood);
            } catch (InterruptedException | IllegalStateException stopped) {
                waiting.decrementAndGet();
            }
        });
        try {
            Future<Void> enough = loop.createFuture();
            loop.callSoon(new Runnable() {
                @Override
                public void run() {
                    if (ran.get() >= BOUNDED_FLOOD) {
                        enough.setResult(null);
                    } else {
                        loop.callLater(0.001, this);
                    }
                }
            });
            loop.runUntilComplete(enough);
        } finally {
            loop.close(); // first, so that blocked producers give up
            stopProducers(stop, producers);
        }
        // A producer counts its callback before submit() waits for a place (at most one each beyond the capacity),
        // and the loop frees a place just before it runs the callback that uncounts it (one more).
        assertTrue(mostWaiting.get() <= capacity + PRODUCERS + 1, "most callbacks waiting: " + mostWaiting.get());
    }

    @Test
    void trySubmitRefusesOnceTheCapacityIsTakenAndAcceptsAgainOnceTheLoopRanOne() throws Exception {
        EventLoop loop = new EventLoop();
        ThreadsafeSubmitter submitter = new ThreadsafeSubmitter(loop, 2);
        List<String> trace = new ArrayList<>();
        Handle first = submitter.trySubmit(() -> trace.add("first"));
        submitter.trySubmit(() -> trace.add("second"));
        assertNull(submitter.trySubmit(() -> trace.add("third")));
        assertEquals(0, submitter.remainingCapacity());
        first.cancel();
        assertEquals(1, submitter.remainingCapacity(), "a cancelled handle frees its place");
        submitter.trySubmit(() -> trace.add("fourth"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("second", "fourth"), trace);
        assertEquals(2, submitter.remainingCapacity());
        loop.close();
        assertThrows(IllegalStateException.class, () -> submitter.submit(() -> trace.add("after close")));
        assertEquals(2, submitter.remainingCapacity(), "a refused callback takes no place");
    }

    @Test
    void submitOnTheLoopsOwnThreadRefusesWhenFullInsteadOfWaitingForItself() throws Exception {
        EventLoop loop = new EventLoop();
        ThreadsafeSubmitter submitter = new ThreadsafeSubmitter(loop, 1);
        List<String> trace = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                submitter.submit(() -> trace.add("first"));
                submitter.submit(() -> trace.add("second"));
            } catch (IllegalStateException refused) {
                trace.add(refused.getMessage());
            } catch (InterruptedException unexpected) {
                throw new AssertionError(unexpected);
            }
        });
        for (int i = 0; i < 2; i++) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        loop.close();
        assertEquals(List.of("ThreadsafeSubmitter.submit() called on the loop's own thread with 1 callbacks waiting:"
                + " it would wait for itself", "first"), trace);
    }

    /** A callback that records whether it ran or was told that its loop dropped it. */
    private static final class Droppable implements Runnable, io.jasyncio.internal.DroppedOnClose {
        private final List<String> trace;
        private final String name;

        Droppable(List<String> trace, String name) {
            this.trace = trace;
            this.name = name;
        }

        @Override
        public void run() {
            trace.add(name + " ran");
        }

        @Override
        public void droppedOnClose() {
            trace.add(name + " dropped");
        }
    }

    @Test
    void closingALoopTellsTheCallbacksStillQueuedThatAskedToKnowAndRunsNone() throws Exception {
        EventLoop loop = new EventLoop();
        List<String> trace = new ArrayList<>();
        loop.callSoon(new Droppable(trace, "ready"));
        Thread other = new Thread(() -> {
            loop.callSoonThreadsafe(new Droppable(trace, "from another thread"));
            loop.callSoonThreadsafe(() -> trace.add("plain callback ran"));
        });
        other.start();
        other.join();
        loop.close();
        assertEquals(List.of("ready dropped", "from another thread dropped"), trace);
        loop.close(); // idempotent: nobody is told twice
        assertEquals(2, trace.size());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(new Droppable(trace, "late")));
        assertEquals(2, trace.size(), "a callback refused by a closed loop was never queued: its caller keeps it");
    }
}
