// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Every primitive type and null, in locals and on the operand stack, across awaits that suspend. */
public class LocalsAndStackBox {
    @Async
    static <T> Coroutine<T> later(T value) {
        await(sleep(0));
        return result(value);
    }

    @Async
    public static Coroutine<String> box() {
        boolean z = true;
        byte b = 1;
        char c = 'c';
        short s = 2;
        int i = 3;
        long j = 4L;
        float f = 5.5f;
        double d = 6.25;
        String text = "text";
        Object nothing = null;
        int[] array = {7};
        await(sleep(0));
        String locals = "" + z + b + c + s + i + j + f + d + text + nothing + array[0];
        if (!locals.equals("true1c2345.56.25textnull7")) {
            return result("locals: " + locals);
        }
        long onStack = j + await(later(10L));
        double wide = d * await(later(2.0));
        int sum = i + await(later(4)) + s;
        String mixed = combine(z, b, await(later('x')), s, i, j, f, d, null, await(later("y")));
        if (onStack != 14L || wide != 12.5 || sum != 9) {
            return result("stack: " + onStack + " " + wide + " " + sum);
        }
        if (!mixed.equals("true1x2345.56.25nully")) {
            return result("mixed: " + mixed);
        }
        return result("OK");
    }

    static String combine(boolean z, byte b, char c, short s, int i, long j, float f, double d, Object nothing,
            String text) {
        return "" + z + b + c + s + i + j + f + d + nothing + text;
    }
}
