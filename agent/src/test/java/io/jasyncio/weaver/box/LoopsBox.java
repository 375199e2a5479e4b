// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;
import static io.jasyncio.weaver.box.Suspend.now;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.List;

/** Loops of every kind with awaits in the body and in the condition. */
public class LoopsBox {
    @Async
    public static Coroutine<String> box() {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            trace.append(await(later(i)));
        }
        int n = 0;
        while (await(later(n)) < 3) {
            n++;
        }
        trace.append(n);
        do {
            n--;
            trace.append(await(now(n)));
        } while (await(later(n > 0)));
        for (String word : List.of("a", "b")) {
            trace.append(await(later(word)));
        }
        long total = 0;
        for (long k = 1; k <= 4; k += await(later(1L))) {
            total += k;
        }
        trace.append(total);
        outer:
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                if (await(later(column)) == 2) {
                    continue outer;
                }
                if (row == 2) {
                    break outer;
                }
                trace.append(row).append(column);
            }
        }
        return result(trace.toString().equals("0123210ab1000011011") ? "OK" : trace.toString());
    }
}
