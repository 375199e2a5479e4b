// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Awaits among the arguments of constructor calls, nested, with wide and null arguments. */
public class ConstructorArgumentsBox {
    record Pair(Object left, Object right) {
    }

    record Wide(long first, double second, String third) {
    }

    @Async
    public static Coroutine<String> box() {
        Pair flat = new Pair("a", await(later("b")));
        Pair nested = new Pair(new Pair(await(later(1)), null), new Pair(null, await(later(2))));
        Wide wide = new Wide(await(later(3L)), 4.5, await(later("c")));
        new Pair(await(later("discarded")), "value");
        String text = flat + " " + nested + " " + wide;
        String expected = "Pair[left=a, right=b] Pair[left=Pair[left=1, right=null], right=Pair[left=null, right=2]]"
                + " Wide[first=3, second=4.5, third=c]";
        return result(text.equals(expected) ? "OK" : text);
    }
}
