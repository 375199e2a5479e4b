// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;
import static io.jasyncio.weaver.box.Suspend.now;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * Values pending under a call across an await: string concatenation through invokedynamic,
 * arguments on both sides of the await, conditionals and short-circuit operators, a synchronized
 * block that holds no await, and awaits in a local slot reused with another type.
 */
public class ExpressionsBox {
    private static final Object LOCK = new Object();

    static String join(Object a, Object b, Object c) {
        return a + "|" + b + "|" + c;
    }

    @Async
    public static Coroutine<String> box() {
        int i = 1;
        double d = 2.5;
        String concatenated = "s" + i + await(later('x')) + d + await(now(7L));
        String arguments = join(i, await(later("mid")), d);
        boolean flag = await(later(false));
        String conditional = flag ? await(later("yes")) : await(now("no"));
        boolean shortCircuit = flag && await(later(true));
        synchronized (LOCK) {
            i++;
        }
        {
            long reused = await(later(40L)) + 2;
            i += (int) reused;
        }
        {
            String reused = await(later("slot"));
            concatenated += reused;
        }
        String text = concatenated + " " + arguments + " " + conditional + " " + shortCircuit + " " + i;
        return result(text.equals("s1x2.57slot 1|mid|2.5 no false 44") ? "OK" : text);
    }
}
