// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.function.Supplier;

// Port of conformance/15_cancel_not_started.py.
// Cancelling a task before its first step: the coroutine body never runs at
// all (not even a try/finally inside it); the task ends up cancelled.
// Python's nested `async def instant()` is an async lambda here.

/** A task cancelled before its first step never runs any of its body, not even its finally blocks. */
public final class CancelNotStarted {
    private CancelNotStarted() {
    }

    @Async
    static Coroutine<Void> body() {
        try {
            print("body: started (never printed)");
            await(sleep(0));
        } finally {
            print("body: finally (never printed)");
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> t = createTask(body());
        print("cancel before start ->", t.cancel());
        try {
            await(t);
        } catch (CancelledError e) {
            print("await t -> CancelledError");
        }
        print("cancelled()", t.cancelled());

        // same when cancelled twice before it starts: still a single cancellation
        Task<Void> t2 = createTask(body());
        print("cancel ->", t2.cancel(), "cancel again ->", t2.cancel(), "cancelling()", t2.cancelling());
        await(sleep(0));
        print("t2 cancelled()", t2.cancelled());

        // a task that completes in its first step cannot be cancelled afterwards
        Supplier<Coroutine<Integer>> instant = () -> {
            print("instant: ran");
            return result(1);
        };
        Task<Integer> t3 = createTask(instant.get());
        await(sleep(0));
        print("t3 done", t3.done(), "cancel ->", t3.cancel(), "result", t3.result());
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
