// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Handle;
import io.jasyncio.annotations.Async;

// Port of conformance/37_call_soon_order.py.
// call_soon() is a FIFO queue. Each loop iteration runs exactly the
// callbacks that were ready when the iteration started; callbacks queued
// while running go to the next iteration (after the ones already queued).
// Task steps are ordinary callbacks in the same queue.

/** The ready queue is FIFO, and an iteration runs only what was ready when it began. */
public final class CallSoonOrder {
    private CallSoonOrder() {
    }

    /** {@code def cb(name, depth=0)}: prints, then schedules itself again {@code depth} more times. */
    static void cb(EventLoop loop, String name, int depth) {
        print("callback " + name);
        if (depth > 0) {
            loop.callSoon(() -> cb(loop, name + "'", depth - 1));
        }
    }

    @Async
    static Coroutine<Void> taskBody(String name) {
        print("task " + name + " step 1");
        await(sleep(0));
        print("task " + name + " step 2");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        EventLoop loop = newEventLoop();

        loop.callSoon(() -> cb(loop, "A", 2));
        loop.createTask(taskBody("T"));
        loop.callSoon(() -> cb(loop, "B", 1));
        Handle h = loop.callSoon(() -> cb(loop, "cancelled-handle", 0));
        h.cancel();
        loop.callSoon(() -> cb(loop, "C", 0));

        // run exactly one iteration at a time using stop(): stop() lets the
        // current iteration finish and then returns from run_forever()
        for (int i = 0; i < 4; i++) {
            print("--- iteration " + i);
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        loop.close();
    }
}
