// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.run;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs with no agent: an unwoven await would throw NotWovenError. */
class CountdownTest {
    @Test
    void countdownsTakeTurns() {
        assertEquals(List.of("a 2", "b 3", "a 1", "b 2", "b 1", "sum 5"), run(Countdown.main()));
    }

    @Test
    void testClassesAreWovenToo() {
        assertEquals(6, run(twice(3)));
    }

    @Async
    private static Coroutine<Integer> twice(int value) {
        await(sleep(0));
        return result(2 * value);
    }
}
