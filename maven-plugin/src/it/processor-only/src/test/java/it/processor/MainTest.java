// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.processor;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** Runs with neither the agent nor the plugin: only the processor wove these classes, the test's too. */
class MainTest {
    @Async
    static Coroutine<String> twice() {
        String first = await(Main.main());
        return result(first + " / " + await(Main.main()));
    }

    @Test
    void theTasksRunAndTheirResultsComeBack() {
        assertEquals("5 letters, 5 letters / 5 letters, 5 letters", run(twice()));
    }
}
