// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.twice;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** Echoes after yielding once. */
public class Echo {
    @Async
    static Coroutine<String> echo(String text) {
        await(sleep(0));
        return result(text);
    }

    /** Nothing to weave here. */
    static String plain(String text) {
        return text;
    }

    static final class Helper {
        static int one() {
            return 1;
        }
    }
}
