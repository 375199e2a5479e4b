// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The selector loop driven with plain callbacks on pipes: I/O in the iteration, waiting, waking and closing. */
@Timeout(60)
class SelectorEventLoopTest extends LoopTestSupport {
    /** How long a test waits for another thread before it gives up: a bound, not a timing assertion. */
    private static final long PATIENCE_SECONDS = 10;

    private Pipe pipe;

    @Override
    protected EventLoop newLoop(Clock clock) {
        return new SelectorEventLoop(clock);
    }

    @BeforeEach
    void openPipe() throws IOException {
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        pipe.sink().configureBlocking(false);
    }

    @AfterEach
    void closePipe() throws IOException {
        pipe.source().close();
        pipe.sink().close();
    }

    private void makeReadable() throws IOException {
        pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));
    }

    private void drain() {
        try {
            pipe.source().read(ByteBuffer.allocate(16));
        } catch (IOException failure) {
            throw new AssertionError(failure);
        }
    }

    private static SelectorEventLoop selectorLoop(EventLoop loop) {
        return (SelectorEventLoop) loop;
    }

    // ---------------------------------------------------------------------------------------------
    // I/O callbacks in the iteration

    @Test
    void ioCallbacksRunBehindTheReadyCallbacksAndBeforeTheDueTimers() throws Exception {
        runTest(loop -> {
            makeReadable();
            loop.callLater(0, () -> trace("timer"));
            loop.callSoon(() -> trace("soon"));
            selectorLoop(loop).addReader(pipe.source(), () -> {
                trace("reader");
                drain();
            });
            selectorLoop(loop).addWriter(pipe.sink(), () -> {
                trace("writer");
                selectorLoop(loop).removeWriter(pipe.sink());
            });
            runTracingIterations(loop, 2);
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("--- iteration 1", "soon", "reader", "writer", "timer", "--- iteration 2");
    }

    @Test
    void aReaderRunsInEveryIterationWhileTheChannelIsReadable() throws Exception {
        runTest(loop -> {
            makeReadable();
            selectorLoop(loop).addReader(pipe.source(), () -> trace("readable"));
            runIterations(loop, 3);
            drain();
            runIterations(loop, 2);
            assertTrue(selectorLoop(loop).removeReader(pipe.source()));
        });
        assertTrace("readable", "readable", "readable");
    }

    @Test
    void removingAReaderCancelsItsCallbackAlreadyQueuedInThisIteration() throws Exception {
        runTest(loop -> {
            makeReadable();
            loop.callSoon(() -> assertTrue(selectorLoop(loop).removeReader(pipe.source())));
            selectorLoop(loop).addReader(pipe.source(), this::expectUnreached);
            runOnce(loop);
            assertFalse(selectorLoop(loop).removeReader(pipe.source()), "removed already");
        });
    }

    @Test
    void addingAReaderReplacesThePreviousOne() throws Exception {
        runTest(loop -> {
            makeReadable();
            selectorLoop(loop).addReader(pipe.source(), this::expectUnreached);
            selectorLoop(loop).addReader(pipe.source(), () -> trace("second"));
            runOnce(loop);
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("second");
    }

    @Test
    void removeReturnsFalseForAChannelNeverRegistered() throws Exception {
        runTest(loop -> {
            assertFalse(selectorLoop(loop).removeReader(pipe.source()));
            assertFalse(selectorLoop(loop).removeWriter(pipe.sink()));
        });
    }

    @Test
    void aBlockingChannelIsRefused() throws Exception {
        runTest(loop -> {
            pipe.source().configureBlocking(true);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> selectorLoop(loop).addReader(pipe.source(), () -> { }));
            assertTrue(refused.getMessage().startsWith("the channel must be non-blocking"), refused.getMessage());
        });
    }

    @Test
    void aReaderRunsInTheContextCurrentWhenItWasAdded() throws Exception {
        ContextVar<String> variable = new ContextVar<>("variable", "default");
        runTest(loop -> {
            makeReadable();
            variable.set("when added");
            selectorLoop(loop).addReader(pipe.source(), () -> {
                trace(variable.get());
                drain();
            });
            variable.set("later");
            runOnce(loop);
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("when added");
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting

    @Test
    void theLoopWaitsInTheSelectorForIo() throws Exception {
        runTest(Clock.system(), loop -> {
            selectorLoop(loop).addReader(pipe.source(), () -> {
                trace("readable");
                drain();
                loop.stop();
            });
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                    makeReadable();
                } catch (InterruptedException | IOException failure) {
                    throw new AssertionError(failure);
                }
            });
            writer.start();
            loop.runForever();
            writer.join();
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("readable");
    }

    @Test
    void timersNeverFireEarly() throws Exception {
        runTest(Clock.system(), loop -> {
            selectorLoop(loop).addReader(pipe.source(), this::expectUnreached); // the wait is a select
            List<String> early = new ArrayList<>();
            AtomicInteger left = new AtomicInteger(20);
            for (int i = 0; i < 20; i++) {
                double delay = 0.0003 + i * 0.00137; // fractions of a millisecond, which the wait rounds up
                TimerHandle timer = loop.callLater(delay, () -> { });
                double when = timer.when();
                loop.callAt(when, () -> {
                    if (loop.time() < when) {
                        early.add(loop.time() + " < " + when);
                    }
                    if (left.decrementAndGet() == 0) {
                        loop.stop();
                    }
                });
            }
            loop.runForever();
            assertEquals(List.of(), early);
            selectorLoop(loop).removeReader(pipe.source());
        });
    }

    @Test
    void onAFakeClockWithNoChannelTimeJumpsToTheNextTimer() throws Exception {
        runTest(loop -> {
            loop.callLater(3600, () -> {
                trace("an hour later at " + loop.time());
                loop.stop();
            });
            long start = System.nanoTime();
            loop.runForever();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS));
        });
        assertTrace("an hour later at 3600.0");
    }

    @Test
    void onAFakeClockIoInFlightRunsBeforeTimeJumps() throws Exception {
        runTest(loop -> {
            selectorLoop(loop).addReader(pipe.source(), () -> {
                trace("read at " + loop.time());
                drain();
            });
            loop.callLater(5, () -> {
                trace("timer at " + loop.time());
                loop.stop();
            });
            makeReadable();
            loop.runForever();
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("read at 0.0", "timer at 5.0");
    }

    @Test
    void onAFakeClockAJobInAnotherThreadHoldsTimeBackUntilItsResultArrives() throws Exception {
        runTest(loop -> {
            loop.callLater(3600, () -> {
                trace("timer at " + loop.time());
                loop.stop();
            });
            Future<String> job = loop.runInExecutor(null, () -> {
                Thread.sleep(100);
                return "job";
            });
            job.addDoneCallback(done -> trace(done.result() + " done before the timer: " + (loop.time() < 3600)));
            loop.runForever();
        });
        assertTrace("job done before the timer: true", "timer at 3600.0");
    }

    @Test
    void onAFakeClockWithAChannelAndNoTimerTheLoopWaitsForIoAndTimePassesMeanwhile() throws Exception {
        runTest(loop -> {
            selectorLoop(loop).addReader(pipe.source(), () -> {
                drain();
                trace("read after real time passed: " + (loop.time() > 0));
                loop.stop();
            });
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    makeReadable();
                } catch (Exception failure) {
                    throw new AssertionError(failure);
                }
            });
            writer.start();
            loop.runForever();
            writer.join();
            selectorLoop(loop).removeReader(pipe.source());
        });
        assertTrace("read after real time passed: true");
    }

    @Test
    void onAFakeClockWithNothingToWaitForTheLoopRefusesToWaitForever() throws Exception {
        runTest(loop -> {
            IllegalStateException forever = assertThrows(IllegalStateException.class, loop::runForever);
            assertTrue(forever.getMessage().startsWith("the loop would wait forever"), forever.getMessage());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Waking from other threads

    @Test
    void callSoonThreadsafeWakesALoopBlockedInTheSelector() throws Exception {
        runTest(Clock.system(), loop -> {
            selectorLoop(loop).addReader(pipe.source(), this::expectUnreached);
            loop.callLater(3600, this::expectUnreached);
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            Thread loopThread = new Thread(loop::runForever, "loop");
            loopThread.setDaemon(true); // left blocked, should the loop never wake
            loopThread.start();
            assertTrue(running.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            Thread.sleep(20); // let it block in select; correctness does not depend on it
            CompletableFuture<Thread> woken = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> woken.complete(Thread.currentThread()));
            assertSame(loopThread, woken.get(PATIENCE_SECONDS, TimeUnit.SECONDS), "the callback ran in the loop's thread");
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertFalse(loopThread.isAlive());
            selectorLoop(loop).removeReader(pipe.source());
        });
    }

    @Test
    void wakeUpsFromManyThreadsAreNeitherLostNorSpun() throws Exception {
        int threads = 4;
        int callbacksEach = 5_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        runTest(Clock.system(), loop -> {
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch allRan = new CountDownLatch(1);
            Thread loopThread = new Thread(loop::runForever, "loop");
            loopThread.setDaemon(true);
            loopThread.start();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread caller = new Thread(() -> {
                    for (int i = 0; i < callbacksEach; i++) {
                        loop.callSoonThreadsafe(() -> {
                            if (ran.incrementAndGet() == threads * callbacksEach) {
                                allRan.countDown();
                            }
                        });
                        if (i % 100 == 0) {
                            Thread.yield(); // let the loop block in between, so that wake-ups matter
                        }
                    }
                });
                callers.add(caller);
                caller.start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            assertTrue(allRan.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "ran " + ran.get());
            // Idle now: a loop that spins on a stale wake-up burns its thread's CPU.
            Thread.sleep(50);
            long before = cpu.getThreadCpuTime(loopThread.getId());
            Thread.sleep(300);
            long burnt = cpu.getThreadCpuTime(loopThread.getId()) - before;
            assertTrue(burnt < TimeUnit.MILLISECONDS.toNanos(100), "an idle loop used " + burnt / 1_000_000 + " ms of CPU");
            assertEquals(threads * callbacksEach, ran.get(), "each callback ran exactly once");
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertFalse(loopThread.isAlive());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Test
    void closingTheLoopClosesItsSelectorAndLeavesTheChannelsOpen() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop(new FakeClock());
        loop.addReader(pipe.source(), () -> { });
        loop.close();
        assertTrue(pipe.source().isOpen());
        pipe.source().configureBlocking(true); // refused while the channel has a key in an open selector
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.sink(), () -> { }));
        assertEquals("Event loop is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        loop.close(); // idempotent
        assertEquals("SelectorEventLoop[running=false closed=true channels=0]", loop.toString());
    }
}
