// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.monotonic;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.round;
import static io.jasyncio.samples.Python.str;
import static io.jasyncio.samples.Python.typeName;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.TimeoutException;
import io.jasyncio.annotations.Async;
import java.util.function.Supplier;

// Port of conformance/20_wait_for_timeout.py.
// wait_for(): returns the result if it finishes in time; on timeout it
// cancels the inner awaitable, WAITS for it to finish cancelling (its
// finally blocks run first) and then raises TimeoutError.
// Python's TimeoutError (and asyncio.TimeoutError, the same class since 3.11)
// is TimeoutException, so the isinstance check always holds; Python's nested
// `async def never()` is an async lambda.

/** waitFor() on timeout cancels the inner awaitable and waits for its cleanup before throwing. */
public final class WaitForTimeout {
    private WaitForTimeout() {
    }

    @Async
    static Coroutine<String> slow(double delay, String name) {
        try {
            await(sleep(delay));
            return result(name);
        } finally {
            print(name, "finally (cancelled=" + str(delay > 1) + ")");
        }
    }

    @Async
    static Coroutine<Void> main() {
        print("result:", await(waitFor(slow(0.1, "fast"), 1)));
        double t0 = monotonic();
        try {
            await(waitFor(slow(10, "slow"), 0.2));
        } catch (TimeoutException e) {
            print("TimeoutError caught; is asyncio.TimeoutError:", e instanceof TimeoutException,
                    "cause:", typeName(e.getCause()));
        }
        print("elapsed", round(monotonic() - t0, 1));

        // wait_for on a Task: the task is cancelled on timeout
        Task<String> t = createTask(slow(10, "task"));
        try {
            await(waitFor(t, 0.05));
        } catch (TimeoutException e) {
            print("task timed out; task.cancelled() =", t.cancelled());
        }

        // timeout=None just awaits
        print("timeout=None:", await(waitFor(slow(0.01, "none"), null)));

        // timeout<=0 with a coroutine: it never gets to run
        Supplier<Coroutine<Void>> never = () -> {
            print("never printed");
            return result(null);
        };
        try {
            await(waitFor(never.get(), 0));
        } catch (TimeoutException e) {
            print("timeout=0 -> TimeoutError without running the coroutine");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
