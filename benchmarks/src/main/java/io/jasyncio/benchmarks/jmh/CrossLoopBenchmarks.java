// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.runCoroutineThreadsafe;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopGroup;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.ThreadSafeQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What crossing from one loop to another costs: a task on loop 0 awaits a coroutine that runs on
 * loop 1 ({@code runCoroutineThreadsafe}, asyncio's {@code run_coroutine_threadsafe} +
 * {@code wrap_future}), and a ping-pong of items through two {@link ThreadSafeQueue}s. Each
 * invocation makes {@value #ROUND_TRIPS} round trips, each of which wakes the other loop's thread
 * from its selector, so the figure is dominated by two thread wake-ups.
 */
@State(Scope.Benchmark)
public class CrossLoopBenchmarks extends MicrobenchmarkSettings {
    static final int ROUND_TRIPS = 100;

    private LoopGroup loops;

    @Setup
    public void startLoops() {
        loops = new LoopGroup(2);
    }

    @TearDown
    public void closeLoops() {
        loops.close();
    }

    /** One {@code await(runCoroutineThreadsafe(coroutine, otherLoop))} from a task on loop 0. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Object awaitCoroutineOnAnotherLoop() {
        EventLoop other = loops.loop(1);
        return loops.run(index -> index == 0 ? callAcross(other, ROUND_TRIPS) : result(0));
    }

    /** One item to loop 1 and back through two thread-safe queues. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Object pingPongThroughQueues() {
        ThreadSafeQueue<Integer> ping = new ThreadSafeQueue<>();
        ThreadSafeQueue<Integer> pong = new ThreadSafeQueue<>();
        return loops.run(index -> index == 0 ? serve(ping, pong, ROUND_TRIPS) : answer(ping, pong, ROUND_TRIPS));
    }

    @Async
    static Coroutine<Integer> callAcross(EventLoop other, int times) {
        int sum = 0;
        for (int i = 0; i < times; i++) {
            sum += await(runCoroutineThreadsafe(identity(i), other));
        }
        return result(sum);
    }

    @Async
    static Coroutine<Integer> identity(int value) {
        return result(value);
    }

    @Async
    static Coroutine<Integer> serve(ThreadSafeQueue<Integer> ping, ThreadSafeQueue<Integer> pong, int times) {
        int sum = 0;
        for (int i = 0; i < times; i++) {
            ping.putNowait(i);
            sum += await(pong.get());
        }
        return result(sum);
    }

    @Async
    static Coroutine<Integer> answer(ThreadSafeQueue<Integer> ping, ThreadSafeQueue<Integer> pong, int times) {
        for (int i = 0; i < times; i++) {
            pong.putNowait(await(ping.get()));
        }
        return result(0);
    }
}
