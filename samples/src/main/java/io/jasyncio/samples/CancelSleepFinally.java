// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/14_cancel_sleep_finally.py.
// Task.cancel() at an `await sleep()`: returns True, the task is NOT yet
// cancelled (cancelled() is False) until it processes the CancelledError in
// its next step; finally blocks run (and may await); cancel() of a done task
// returns False.

/** Cancelling a sleeping task: a request at first; its finally blocks run, and may await, before it is cancelled. */
public final class CancelSleepFinally {
    private CancelSleepFinally() {
    }

    @Async
    static Coroutine<Void> sleeper() {
        print("sleeper: start");
        try {
            await(sleep(10));
            print("sleeper: never printed");
        } finally {
            print("sleeper: finally, cancelling() =", currentTask().cancelling());
            await(sleep(0)); // awaiting inside finally is allowed
            print("sleeper: finally done");
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> t = createTask(sleeper());
        await(sleep(0));
        print("cancel() ->", t.cancel());
        print("immediately: cancelled()", t.cancelled(), "done()", t.done(), "cancelling()", t.cancelling());
        try {
            await(t);
        } catch (CancelledError e) {
            print("await t -> CancelledError");
        }
        print("after: cancelled()", t.cancelled(), "done()", t.done());
        print("cancel() again ->", t.cancel());
        try {
            t.result();
        } catch (CancelledError e) {
            print("t.result() raises CancelledError");
        }
        try {
            t.exception();
        } catch (CancelledError e) {
            print("t.exception() raises CancelledError");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
