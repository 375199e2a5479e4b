// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import java.util.function.LongSupplier;

/** A loop of awaits on a future that is already done, which must neither suspend nor allocate. */
public class AwaitDone {
    /**
     * Awaits a future done with 7 {@code iterations} times, after one real suspension; returns the
     * bytes {@code allocatedBytes} counted across the loop and the sum of the awaited values.
     */
    @Async
    public static Coroutine<long[]> awaitDoneInLoop(int iterations, LongSupplier allocatedBytes) {
        Future<Integer> done = getRunningLoop().createFuture();
        done.setResult(7);
        await(sleep(0));
        long sum = 0;
        long before = allocatedBytes.getAsLong();
        for (int index = 0; index < iterations; index++) {
            int value = await(done);
            sum += value;
        }
        long after = allocatedBytes.getAsLong();
        return result(new long[] {after - before, sum});
    }
}
