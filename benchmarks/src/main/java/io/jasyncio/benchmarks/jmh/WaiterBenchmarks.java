// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.locks.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cancellation storm on one primitive: {@value #WAITERS} tasks wait for a held {@link Lock}, all
 * are cancelled, and the loop runs until every one has left the lock's waiters. Each leaves in
 * constant time, so the whole costs O(n), where asyncio's deque (and this runtime before issue 12)
 * costs O(n²): 14 to 22 s for 300,000. Goal: under a second. Milliseconds per storm, setup excluded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class WaiterBenchmarks extends MicrobenchmarkSettings {
    static final int WAITERS = 300_000;

    private EventLoop loop;
    private Lock lock;
    private List<Task<Boolean>> waiting;

    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void queueWaiters() {
        loop = Asyncio.newEventLoop();
        lock = new Lock();
        loop.runUntilComplete(lock.acquire());
        waiting = new ArrayList<>(WAITERS);
        for (int i = 0; i < WAITERS; i++) {
            waiting.add(loop.createTask(lock.acquire()));
        }
        loop.callSoon(loop::stop);
        loop.runForever(); // one iteration: every task is now a waiter of the lock
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Invocation)
    public void closeLoop() {
        loop.close();
    }

    /** Cancels every waiter, then runs the loop until all of them have ended. */
    @Benchmark
    public String cancelAllWaitersOfALock() {
        for (Task<Boolean> task : waiting) {
            task.cancel();
        }
        Task<Boolean> last = waiting.get(WAITERS - 1);
        while (!last.done()) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        return lock.toString();
    }
}
