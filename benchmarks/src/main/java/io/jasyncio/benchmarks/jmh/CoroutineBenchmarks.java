// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot paths of woven code: {@code await} of a future that is already done (no suspension) and
 * the round trip of {@code await(sleep(0))} (suspend, one loop iteration, resume). Each invocation
 * runs one task that does the operation {@value #OPERATIONS} times, so that the task's own cost
 * is spread thin.
 */
@State(Scope.Thread)
public class CoroutineBenchmarks extends MicrobenchmarkSettings {
    static final int OPERATIONS = 1000;

    /** How many done futures the await benchmark cycles through, so that the JIT cannot hoist the await out of the loop. */
    private static final int DONE_FUTURES = 8;

    private EventLoop loop;
    private List<Future<Integer>> done;

    @Setup
    public void createLoop() {
        loop = Asyncio.newEventLoop();
        done = new ArrayList<>();
        for (int i = 0; i < DONE_FUTURES; i++) {
            Future<Integer> future = loop.createFuture();
            future.setResult(i);
            done.add(future);
        }
    }

    @TearDown
    public void closeLoop() {
        loop.close();
    }

    /** {@code await(future)} of a done future: no suspension, no allocation. */
    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public int awaitDoneFuture() {
        return loop.runUntilComplete(awaitEach(done, OPERATIONS));
    }

    /** {@code await(sleep(0))}: the task suspends, the loop runs one iteration, the task resumes. */
    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public int suspendAndResume() {
        return loop.runUntilComplete(yieldEach(OPERATIONS));
    }

    @Async
    static Coroutine<Integer> awaitEach(List<Future<Integer>> futures, int times) {
        int sum = 0;
        for (int i = 0; i < times; i++) {
            sum += await(futures.get(i % DONE_FUTURES));
        }
        return result(sum);
    }

    @Async
    static Coroutine<Integer> yieldEach(int times) {
        for (int i = 0; i < times; i++) {
            await(sleep(0));
        }
        return result(times);
    }
}
