// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import org.junit.jupiter.api.Test;

/** {@link Event} driven by tasks that run its {@code await()} coroutine directly. */
class EventTest extends LoopTestSupport {
    private final Event event = new Event();

    /** A task that waits for the event and traces what {@code await()} returned (or that it was cancelled). */
    private Task<Boolean> waiter(EventLoop loop, String name) {
        Task<Boolean> task = loop.createTask(event.await(), name);
        task.addDoneCallback(done -> trace(name + (done.cancelled() ? " cancelled" : " returned " + done.result())));
        return task;
    }

    @Test
    void setWakesEveryWaiterInWaitOrderInTheNextIteration() throws Exception {
        runTest(loop -> {
            waiter(loop, "w1");
            waiter(loop, "w2");
            waiter(loop, "w3");
            runOnce(loop);
            assertEquals("Event[unset waiters=3]", event.toString());
            loop.callSoon(() -> {
                event.set();
                trace("set");
            });
            runTracingIterations(loop, 3);
            assertEquals("Event[set]", event.toString());
        });
        assertTrace(
                "--- iteration 1", "set",
                "--- iteration 2",
                "--- iteration 3", "w1 returned true", "w2 returned true", "w3 returned true");
    }

    @Test
    void awaitOnASetEventReturnsTrueWithoutSuspending() throws Exception {
        runTest(loop -> {
            event.set();
            Task<Boolean> task = loop.createTask(event.await());
            runOnce(loop);
            assertTrue(task.done(), "done in its first step");
            assertTrue(task.result());
        });
    }

    @Test
    void aWaiterWokenBySetReturnsTrueEvenIfTheEventWasClearedBeforeItRan() throws Exception {
        runTest(loop -> {
            Task<Boolean> task = waiter(loop, "w");
            runOnce(loop);
            event.set();
            event.clear();
            runIterations(loop, 2);
            assertTrue(task.result());
            assertFalse(event.isSet());
        });
        assertTrace("w returned true");
    }

    @Test
    void clearMakesLaterWaitsSuspendUntilTheNextSet() throws Exception {
        runTest(loop -> {
            event.set();
            event.clear();
            Task<Boolean> task = waiter(loop, "w");
            runIterations(loop, 3);
            assertFalse(task.done());
            event.set();
            runIterations(loop, 2);
        });
        assertTrace("w returned true");
    }

    @Test
    void aCancelledWaiterLeavesTheWaiters() throws Exception {
        runTest(loop -> {
            Task<Boolean> cancelled = waiter(loop, "cancelled");
            waiter(loop, "other");
            runOnce(loop);
            cancelled.cancel();
            runIterations(loop, 2);
            assertEquals("Event[unset waiters=1]", event.toString());
            event.set();
            runIterations(loop, 2);
            assertEquals("Event[set]", event.toString());
        });
        assertTrace("cancelled cancelled", "other returned true");
    }
}
