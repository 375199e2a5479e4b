// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.repr;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

// Port of conformance/11_gather_exception.py.
// gather(return_exceptions=False): the first exception is propagated to the
// awaiter as soon as it happens; the other children are NOT cancelled and
// keep running to completion in the background.

/** The first failure of a gather reaches its awaiter at once; the other children are not cancelled. */
public final class GatherException {
    private GatherException() {
    }

    @Async
    static Coroutine<String> ok(String name, double delay) {
        try {
            await(sleep(delay));
            print("ok", name, "finished");
            return result(name);
        } catch (CancelledError e) {
            print("ok", name, "CANCELLED");
            throw e;
        }
    }

    @Async
    static Coroutine<String> bad(double delay) {
        await(sleep(delay));
        print("bad raising");
        throw new ValueError("bad failed");
    }

    @Async
    static Coroutine<Void> main() {
        Task<String> a = createTask(ok("a", 0.1));
        Task<String> c = createTask(ok("c", 0.3));
        Future<List<String>> g = gather(a, bad(0.2), c);
        try {
            await(g);
        } catch (ValueError e) {
            print("main caught", repr(e));
        }
        print("after catch: a done", a.done(), "c done", c.done(), "gather done", g.done());
        print("cancelling the (already done) gather returns", g.cancel());
        print("c result", await(c));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
