// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** if/else, conditional expressions and short-circuit operators around awaits; returns from branches. */
public class BranchesBox {
    @Async
    static Coroutine<String> classify(int value) {
        if (value < 0) {
            return result("negative " + await(later(-value)));
        } else if (value == 0) {
            return result("zero");
        }
        String size = value > 10 ? await(later("big")) : await(later("small"));
        return result(size);
    }

    @Async
    public static Coroutine<String> box() {
        String trace = await(classify(-4)) + "," + await(classify(0)) + "," + await(classify(3)) + ","
                + await(classify(30));
        boolean both = await(later(true)) && await(later(false));
        boolean either = await(later(false)) || await(later(true));
        int chosen = either ? await(later(1)) : 2;
        trace += "," + both + "," + either + "," + chosen;
        return result(trace.equals("negative 4,zero,small,big,false,true,1") ? "OK" : trace);
    }
}
