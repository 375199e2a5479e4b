// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.contract;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** {@code @Async} methods with parameters and locals of several types live across awaits, for a debugger. */
public class Debuggable {
    private final String prefix;

    public Debuggable(String prefix) {
        this.prefix = prefix;
    }

    @Async
    public static Coroutine<String> describe(int count, String label, double ratio) {
        long total = count * 2L;
        String heading = label + ":";
        await(sleep(0));
        for (int index = 0; index < count; index++) {
            total += await(sleep(0, index));
        }
        String text = heading + total + ratio;
        return result(text);
    }

    @Async
    public Coroutine<String> describeWith(float scale, boolean loud) {
        float scaled = scale * 2;
        await(sleep(0));
        String text = prefix + scaled;
        if (loud) {
            text = text.toUpperCase();
        }
        return result(text);
    }
}
