// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The workloads on JDK virtual threads, a thread per task: {@code Thread.yield()} is the switch,
 * {@code Thread.sleep} the sleep and {@code join} the gather. The driver runs it on JDK 25 with one
 * and with two carrier threads ({@code -Djdk.virtualThreadScheduler.parallelism}).
 */
public final class VirtualThreadWorkloads implements Workloads {
    /**
     * {@code Thread.startVirtualThread(Runnable)}, which exists from Java 21, while this module is
     * compiled for Java 17; a constant method handle costs the same as a direct call once compiled.
     */
    private static final MethodHandle START_VIRTUAL_THREAD = findStartVirtualThread();

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new VirtualThreadWorkloads(), args);
    }

    @Override
    public String description() {
        return "virtual threads, parallelism=" + System.getProperty("jdk.virtualThreadScheduler.parallelism", "default");
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return startAndJoin(tasks, i -> () -> nest(depth, switches));
    }

    @Override
    public long spawn(int tasks) {
        return startAndJoin(tasks, i -> () -> i);
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        long millis = (long) (seconds * 1000);
        AtomicInteger sleeping = new AtomicInteger();
        Thread[] threads = new Thread[tasks];
        int[] results = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            threads[i] = start(() -> {
                sleeping.incrementAndGet();
                sleepUninterruptibly(millis);
                results[index] = 1;
            });
        }
        while (sleeping.get() < tasks) {
            sleepUninterruptibly(1); // not a spin: the carriers need both cores
        }
        allParked.run();
        return joinAndSum(threads, results);
    }

    /** Calls itself {@code depth} times on the thread's stack; the innermost call yields {@code switches} times. */
    static int nest(int depth, int switches) {
        if (depth == 0) {
            for (int i = 0; i < switches; i++) {
                Thread.yield();
            }
            return 0;
        }
        return nest(depth - 1, switches) + 1;
    }

    private static long startAndJoin(int tasks, IntFunction<IntSupplier> body) {
        Thread[] threads = new Thread[tasks];
        int[] results = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            int index = i;
            IntSupplier work = body.apply(i);
            threads[i] = start(() -> results[index] = work.getAsInt());
        }
        return joinAndSum(threads, results);
    }

    private static long joinAndSum(Thread[] threads, int[] results) {
        long sum = 0;
        for (int i = 0; i < threads.length; i++) {
            joinUninterruptibly(threads[i]);
            sum += results[i];
        }
        return sum;
    }

    private static Thread start(Runnable body) {
        try {
            return (Thread) START_VIRTUAL_THREAD.invokeExact(body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepUninterruptibly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static MethodHandle findStartVirtualThread() {
        try {
            return MethodHandles.publicLookup().findStatic(
                    Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is "
                    + System.getProperty("java.version"), e);
        }
    }
}
