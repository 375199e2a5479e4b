// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The {@code Asyncio} facade: {@code run()} on the system clock, and what needs a running loop. */
class AsyncioTest extends LoopTestSupport {
    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void runReturnsTheResultOfItsCoroutineAfterTheSleep() {
        long start = System.nanoTime();
        assertEquals(42, run(sleep(1, 42)));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.SECONDS.toNanos(1), "a 1 s sleep ended after " + elapsed + " ns");
    }

    @Test
    void runRethrowsTheSameExceptionObject() {
        IllegalStateException failure = new IllegalStateException("from main");
        Coroutine<Object> main = coroutine(awaited -> sleep(0), awaited -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(main)));
    }

    @Test
    void runInsideARunningLoopFails() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                IllegalStateException error = assertThrows(IllegalStateException.class, () -> run(sleep(0)));
                trace(error.getMessage());
            });
            runOnce(loop);
        });
        assertTrace("run() cannot be called from a running event loop");
    }

    @Test
    void runningLoopIsNeededToCreateATask() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Asyncio.createTask(sleep(0)));
        assertEquals("no running event loop", error.getMessage());
    }

    @Test
    void createTaskAndCurrentTaskUseTheRunningLoop() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                Task<Void> task = Asyncio.createTask(sleep(0), "created");
                trace("current task in a callback: " + Asyncio.currentTask());
                trace(task.getName() + " belongs to the running loop: " + (task.getLoop() == loop));
            });
            runIterations(loop, 3);
        });
        assertTrace("current task in a callback: null", "created belongs to the running loop: true");
    }
}
