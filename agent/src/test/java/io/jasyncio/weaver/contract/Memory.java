// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Programs for the memory contract: long-running suspension loops and values spilled across awaits. */
public final class Memory {
    private Memory() {
    }

    /**
     * Suspends {@code suspensions} times, recording {@code retainedHeap} (measured after a full GC)
     * every {@code sampleEvery} suspensions; returns the samples.
     */
    @Async
    public static Coroutine<List<Long>> suspendMany(long suspensions, long sampleEvery, LongSupplier retainedHeap) {
        List<Long> samples = new ArrayList<>();
        for (long count = 1; count <= suspensions; count++) {
            await(sleep(0));
            if (count % sampleEvery == 0) {
                samples.add(retainedHeap.getAsLong());
            }
        }
        return result(samples);
    }

    /** Keeps {@code spilled} in a local across several suspensions, then returns a value that does not reference it. */
    @Async
    public static Coroutine<Integer> spillAcrossAwaits(Object spilled, int[] observedLength) {
        Object[] holder = {spilled};
        await(sleep(0));
        String text = String.valueOf(holder[0]);
        await(sleep(0));
        observedLength[0] = text.length();
        await(sleep(0));
        return result(observedLength[0]);
    }

    /** A weak reference to a new object, which nothing else references. */
    public static WeakReference<Object> weakly(Object value) {
        return new WeakReference<>(value);
    }
}
