// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.refused;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** A class that could be woven, yet stays as javac wrote it because others cannot. */
public class Fine {
    @Async
    static Coroutine<Integer> one() {
        await(sleep(0));
        return result(1);
    }
}
