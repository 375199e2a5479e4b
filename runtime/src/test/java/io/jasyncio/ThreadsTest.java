// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The ways between the loop and other threads: {@code callSoonThreadsafe}, {@code runInExecutor},
 * {@code toThread}, {@code runCoroutineThreadsafe}, and the bridges with {@link CompletableFuture}.
 * These tests wait for real threads, so their loops run on the system clock.
 */
class ThreadsTest extends LoopTestSupport {
    /** How long a test waits for another thread before it gives up: a bound, not a timing assertion. */
    private static final long PATIENCE_SECONDS = 10;

    // ---------------------------------------------------------------------------------------------
    // callSoonThreadsafe

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD) // a lost wake-up would park the loop for good
    void callbacksFromManyThreadsAtOnceAllRunOnTheLoopThread() throws Exception {
        int threads = 4;
        int callbacksEach = 10_000;
        AtomicInteger ranElsewhere = new AtomicInteger();
        int[] ran = new int[1];
        runTest(Clock.system(), loop -> {
            Thread loopThread = Thread.currentThread();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                Thread sender = new Thread(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < callbacksEach; i++) {
                        loop.callSoonThreadsafe(() -> {
                            if (Thread.currentThread() != loopThread) {
                                ranElsewhere.incrementAndGet();
                            }
                            if (++ran[0] == threads * callbacksEach) {
                                loop.stop();
                            }
                        });
                    }
                });
                sender.setDaemon(true);
                sender.start();
            }
            loop.callSoon(start::countDown);
            loop.runForever(); // returns only if no wake-up was lost
        });
        assertEquals(threads * callbacksEach, ran[0]);
        assertEquals(0, ranElsewhere.get());
    }

    // ---------------------------------------------------------------------------------------------
    // runInExecutor and toThread

    @Test
    void runInExecutorRunsTheJobInADaemonThreadOfTheDefaultExecutor() throws Exception {
        runTest(Clock.system(), loop -> {
            Future<Thread> worker = loop.runInExecutor(null, Thread::currentThread);
            Thread thread = loop.runUntilComplete(worker);
            assertTrue(thread.getName().matches("asyncio-[0-9]+"), thread.getName());
            assertTrue(thread.isDaemon());
            assertTrue(loop.runUntilComplete(loop.runInExecutor(null, Thread::currentThread)).getName().startsWith("asyncio-"));
        });
    }

    @Test
    void theJobsExceptionIsTheFuturesExceptionAsThrown() throws Exception {
        IOException failure = new IOException("disk");
        runTest(Clock.system(), loop -> {
            Future<String> job = loop.runInExecutor(null, () -> {
                throw failure;
            });
            assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(job)));
        });
    }

    @Test
    void cancellingTheFutureCancelsAJobThatHasNotStarted() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondJobRan = new AtomicBoolean();
        runTest(Clock.system(), loop -> {
            Future<Boolean> first = loop.runInExecutor(executor, () -> release.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            Future<Boolean> second = loop.runInExecutor(executor, () -> secondJobRan.getAndSet(true));
            assertTrue(second.cancel());
            runOnce(loop); // the done callback that cancels the job runs here
            release.countDown();
            assertTrue(loop.runUntilComplete(first));
            executor.shutdown();
            assertTrue(executor.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS));
        });
        assertFalse(secondJobRan.get());
    }

    @Test
    void aJobRunningWhenItsFutureIsCancelledRunsToItsEndAndItsResultIsDropped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        runTest(Clock.system(), loop -> {
            Future<String> job = loop.runInExecutor(null, () -> {
                started.countDown();
                release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                ended.set(true);
                return "dropped";
            });
            assertTrue(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            job.cancel();
            runOnce(loop);
            release.countDown();
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
            assertTrue(job.cancelled());
        });
        assertTrue(ended.get());
    }

    @Test
    void theDefaultExecutorCannotBeUsedAfterItIsShutDown() throws Exception {
        runTest(Clock.system(), loop -> {
            loop.runUntilComplete(loop.runInExecutor(null, () -> "used"));
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> "x"));
            assertEquals("Executor shutdown has been called", error.getMessage());
        });
    }

    @Test
    void toThreadRunsTheJobInTheContextOfTheAwaitingTaskWhenAwaited() throws Exception {
        ContextVar<String> request = new ContextVar<>("request");
        AtomicBoolean ranTooEarly = new AtomicBoolean(true);
        runTest(Clock.system(), loop -> {
            String seen = loop.runUntilComplete(coroutine(
                    awaited -> {
                        request.set("task's");
                        Coroutine<String> job = Asyncio.toThread(() -> request.get() + " in " + Thread.currentThread().getName());
                        ranTooEarly.set(false);
                        return job;
                    }));
            assertTrue(seen.startsWith("task's in asyncio-"), seen);
        });
        assertFalse(ranTooEarly.get());
    }

    // ---------------------------------------------------------------------------------------------
    // runCoroutineThreadsafe

    @Test
    void runCoroutineThreadsafeRunsACoroutineOnTheLoopOfAnotherThread() throws Exception {
        runTest(Clock.system(), loop -> {
            Thread loopThread = startLoopThread(loop);
            CompletableFuture<String> outcome = Asyncio.runCoroutineThreadsafe(coroutine(
                    awaited -> sleep(0.01, "slept"),
                    awaited -> Asyncio.result(awaited + " in " + Thread.currentThread().getName())), loop);
            assertEquals("slept in loop", outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            stopLoopThread(loop, loopThread);
        });
    }

    @Test
    void cancellingTheCompletableFutureOfRunCoroutineThreadsafeCancelsTheTask() throws Exception {
        runTest(Clock.system(), loop -> {
            Thread loopThread = startLoopThread(loop);
            CompletableFuture<CompletableFuture<?>> task = new CompletableFuture<>();
            CompletableFuture<Void> outcome = Asyncio.runCoroutineThreadsafe(coroutine(awaited -> {
                task.complete(Asyncio.currentTask().toCompletableFuture());
                return sleep(3600);
            }), loop);
            CompletableFuture<?> taskOutcome = task.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertTrue(outcome.cancel(false));
            assertThrows(CancellationException.class, () -> taskOutcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertTrue(taskOutcome.isCancelled(), "the task was cancelled");
            stopLoopThread(loop, loopThread);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Futures as CompletableFutures and back

    @Test
    void toCompletableFutureCompletesWithTheResultOrTheExceptionOrCancelled() throws Exception {
        IOException failure = new IOException("disk");
        runTest(loop -> {
            Future<String> succeeds = loop.createFuture();
            Future<String> fails = loop.createFuture();
            Future<String> isCancelled = loop.createFuture();
            CompletableFuture<String> success = succeeds.toCompletableFuture();
            CompletableFuture<String> failed = fails.toCompletableFuture();
            CompletableFuture<String> cancelled = isCancelled.toCompletableFuture();
            succeeds.setResult("value");
            fails.setException(failure);
            isCancelled.cancel();
            assertFalse(success.isDone() || failed.isDone() || cancelled.isDone(), "completed from a callback, later");
            runOnce(loop);
            assertEquals("value", success.getNow(null));
            assertSame(failure, assertThrows(ExecutionException.class, failed::get).getCause());
            assertSame(failure, assertThrows(CompletionException.class, failed::join).getCause());
            assertTrue(cancelled.isCancelled());
        });
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheFuture() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.toCompletableFuture().cancel(false);
            assertFalse(future.cancelled());
            runOnce(loop);
            assertTrue(future.cancelled());
        });
    }

    @Test
    void wrapFutureCompletesOnTheLoopThreadWithoutJavasWrappers() throws Exception {
        IOException failure = new IOException("disk");
        runTest(Clock.system(), loop -> {
            CompletableFuture<String> succeeds = new CompletableFuture<>();
            CompletableFuture<String> fails = new CompletableFuture<>();
            CompletableFuture<String> isCancelled = new CompletableFuture<>();
            List<Future<String>> wrapped = loop.runUntilComplete(coroutine(awaited -> Asyncio.result(List.of(
                    Asyncio.wrapFuture(succeeds), Asyncio.wrapFuture(fails), Asyncio.wrapFuture(isCancelled)))));
            Thread completer = new Thread(() -> {
                succeeds.complete("value");
                fails.completeExceptionally(new CompletionException(failure));
                isCancelled.cancel(false);
            });
            completer.start();
            completer.join();
            assertEquals("value", loop.runUntilComplete(wrapped.get(0)));
            assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(wrapped.get(1))));
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(wrapped.get(2)));
            assertTrue(wrapped.get(2).cancelled());
        });
    }

    @Test
    void cancellingAWrappedFutureCancelsTheStageInTheNextIteration() throws Exception {
        runTest(loop -> {
            CompletableFuture<String> stage = new CompletableFuture<>();
            Future<String> wrapped = CompletionStages.wrap(stage, loop);
            assertTrue(wrapped.cancel());
            assertFalse(stage.isCancelled());
            runOnce(loop);
            assertTrue(stage.isCancelled());
        });
    }

    @Test
    void anUnwovenAwaitOfAStageFailsInsteadOfBlocking() {
        NotWovenError error = assertThrows(NotWovenError.class, () -> Asyncio.await(new CompletableFuture<String>()));
        assertTrue(error.getMessage().startsWith("await() called in io.jasyncio.ThreadsTest.lambda$"), error.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static Thread startLoopThread(EventLoop loop) {
        Thread thread = new Thread(loop::runForever, "loop");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void stopLoopThread(EventLoop loop, Thread thread) throws InterruptedException {
        loop.callSoonThreadsafe(loop::stop);
        thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertFalse(thread.isAlive(), "the loop did not stop");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
