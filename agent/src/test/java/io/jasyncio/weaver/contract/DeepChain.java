// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** A chain of awaits {@code depth} coroutines deep, whose innermost one reports the Java stack's depth. */
public class DeepChain {
    /**
     * Awaits itself {@code depth} times; the innermost call returns the Java stack's depth before it
     * suspends, after the first resume and after the second.
     */
    @Async
    public static Coroutine<int[]> nest(int depth) {
        if (depth > 0) {
            return result(await(nest(depth - 1)));
        }
        int beforeSuspending = stackDepth();
        await(sleep(0));
        int afterFirstResume = stackDepth();
        await(sleep(0));
        int afterSecondResume = stackDepth();
        return result(new int[] {beforeSuspending, afterFirstResume, afterSecondResume});
    }

    private static int stackDepth() {
        return (int) (long) StackWalker.getInstance().walk(frames -> frames.count());
    }
}
