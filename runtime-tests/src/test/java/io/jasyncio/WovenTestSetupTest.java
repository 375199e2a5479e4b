// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** This module's tests are woven at load time: an @Async method of a test suspends and resumes. */
class WovenTestSetupTest extends LoopTestSupport {
    @Async
    Coroutine<String> child() {
        expect(2);
        await(sleep(1));
        expect(4);
        return result("child");
    }

    @Async
    Coroutine<String> parent() {
        expect(1);
        Task<String> task = createTask(child());
        await(sleep(0));
        expect(3);
        return result(await(task) + " after " + getRunningLoop().time() + " s");
    }

    @Test
    void anAsyncTestMethodRunsWovenOnTheLoop() throws Exception {
        runTest(loop -> assertEquals("child after 1.0 s", loop.runUntilComplete(parent())));
        finish(5);
    }

    private static EventLoop getRunningLoop() {
        return Asyncio.getRunningLoop();
    }
}
