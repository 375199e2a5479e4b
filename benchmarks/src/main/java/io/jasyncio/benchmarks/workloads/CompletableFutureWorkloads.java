// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The workloads as {@code CompletableFuture} chains on a single-thread executor, the loop: a task is
 * a chain started with {@code supplyAsync(..., loop)}, the switch is a {@code runAsync(nothing, loop)}
 * that the chain continues after, an await is {@code thenCompose}/{@code thenApply}, the gather is
 * {@code allOf}. Sleeps use the JDK's own {@code CompletableFuture.delayedExecutor}, whose timer
 * thread hands each wake-up to the loop.
 */
public final class CompletableFutureWorkloads implements Workloads {
    private static final Runnable NOTHING = () -> { };

    private final ExecutorService loop = Executors.newSingleThreadExecutor();

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new CompletableFutureWorkloads(), args);
    }

    @Override
    public String description() {
        return "CompletableFuture chains on Executors.newSingleThreadExecutor()";
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return onLoop(() -> startAndGather(tasks, i -> nest(depth, switches))).join();
    }

    @Override
    public long spawn(int tasks) {
        return onLoop(() -> startAndGather(tasks, CompletableFuture::completedFuture)).join();
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        var sleep = CompletableFuture.delayedExecutor((long) (seconds * 1e9), TimeUnit.NANOSECONDS, loop);
        // Once the loop has started every chain, each one waits for its timer.
        CompletableFuture<Long> everyone = CompletableFuture.supplyAsync(
                () -> startAndGather(tasks, i -> CompletableFuture.runAsync(NOTHING, sleep).thenApply(ignored -> 1)),
                loop).join();
        allParked.run();
        return everyone.join();
    }

    /** Awaits {@code depth} nested chains; the innermost one switches {@code switches} times. */
    private CompletableFuture<Integer> nest(int depth, int switches) {
        if (depth == 0) {
            return switchTimes(switches).thenApply(ignored -> 0);
        }
        return nest(depth - 1, switches).thenApply(inner -> inner + 1);
    }

    /** A loop of {@code times} switches that keeps the chain flat: each switch is registered after the last. */
    private CompletableFuture<Void> switchTimes(int times) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Runnable() {
            private int left = times;

            @Override
            public void run() {
                if (left-- == 0) {
                    done.complete(null);
                } else {
                    CompletableFuture.runAsync(NOTHING, loop).thenRun(this);
                }
            }
        }.run();
        return done;
    }

    /** Starts a chain per task on the loop and returns the sum of their results once all have ended. */
    private CompletableFuture<Long> startAndGather(int tasks, IntFunction<CompletableFuture<Integer>> body) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] all = new CompletableFuture[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            all[i] = CompletableFuture.supplyAsync(() -> body.apply(index), loop).thenCompose(chain -> chain);
        }
        return CompletableFuture.allOf(all).thenApply(ignored -> {
            long sum = 0;
            for (CompletableFuture<Integer> each : all) {
                sum += each.join();
            }
            return sum;
        });
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> main) {
        return CompletableFuture.supplyAsync(main, loop).thenCompose(started -> started);
    }
}
