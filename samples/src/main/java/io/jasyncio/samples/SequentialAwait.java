// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.monotonic;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.round;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

// Port of conformance/01_sequential_await.py.
// Example A: awaiting coroutines one after another is sequential (~2.0s).

/** Awaiting coroutines one after another runs them one after another: about 2 s in all. */
public final class SequentialAwait {
    private SequentialAwait() {
    }

    @Async
    static Coroutine<String> messenger() {
        print("messenger: start");
        await(sleep(1));
        print("messenger: done");
        return result("hello");
    }

    @Async
    static Coroutine<Void> delayer() {
        print("delayer: start");
        await(sleep(1));
        print("delayer: done");
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        double t0 = monotonic();
        String message = await(messenger());
        print("got", message, "elapsed", round(monotonic() - t0, 1));
        await(delayer());
        print("elapsed", round(monotonic() - t0, 1));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
