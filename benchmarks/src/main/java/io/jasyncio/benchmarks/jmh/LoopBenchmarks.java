// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The loop's own hot paths, with plain callbacks and no coroutines: {@code callSoon} and running the
 * handle, and a timer added and fired while {@value #PENDING_TIMERS} others wait in the queue. Each
 * invocation schedules its batch, then runs the loop until the last callback of the batch has run.
 */
@State(Scope.Thread)
public class LoopBenchmarks extends MicrobenchmarkSettings {
    static final int CALLBACKS = 1000;
    static final int TIMERS = 100;
    static final int PENDING_TIMERS = 10_000;

    /** Far enough that the pending timers never fire during a run, seconds. */
    private static final double ONE_DAY = 86_400;

    private EventLoop loop;
    private int calls;
    private final Runnable count = () -> calls++;

    @Setup
    public void createLoop() {
        loop = Asyncio.newEventLoop();
        for (int i = 0; i < PENDING_TIMERS; i++) {
            loop.callLater(ONE_DAY + i, count);
        }
    }

    @TearDown
    public void closeLoop() {
        loop.close();
    }

    /** {@code callSoon}, then the loop runs the handle in its next iteration. */
    @Benchmark
    @OperationsPerInvocation(CALLBACKS)
    public int callSoon() {
        Future<Void> batchDone = loop.createFuture();
        for (int i = 1; i < CALLBACKS; i++) {
            loop.callSoon(count);
        }
        loop.callSoon(() -> batchDone.setResult(null));
        loop.runUntilComplete(batchDone);
        return calls;
    }

    /** {@code callLater(0, ...)} into a queue of {@value #PENDING_TIMERS} timers, then the loop fires it. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public int timerAddAndFire() {
        Future<Void> batchDone = loop.createFuture();
        for (int i = 1; i < TIMERS; i++) {
            loop.callLater(0, count);
        }
        loop.callLater(0, () -> batchDone.setResult(null));
        loop.runUntilComplete(batchDone);
        return calls;
    }
}
