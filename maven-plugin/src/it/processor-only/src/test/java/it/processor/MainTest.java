// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.processor;

import static io.jasyncio.Asyncio.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs with neither the agent nor the plugin: only the processor wove these classes. */
class MainTest {
    @Test
    void theTasksRunAndTheirResultsComeBack() {
        assertEquals("5 letters, 5 letters", run(Main.main()));
    }
}
