// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/03_sleep0_interleave.py.
// Example C: two tasks that await sleep(0) in their loop interleave one step
// at a time (sleep(0) yields exactly one event-loop iteration).

/** Two tasks that await {@code sleep(0)} in their loops interleave one step at a time. */
public final class Sleep0Interleave {
    private Sleep0Interleave() {
    }

    @Async
    static Coroutine<Void> boo() {
        for (int i = 0; i < 3; i++) {
            await(sleep(0));
            print("...boo", i);
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> baa() {
        for (int i = 0; i < 3; i++) {
            await(sleep(0));
            print("...baa", i);
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> t1 = createTask(boo());
        Task<Void> t2 = createTask(baa());
        await(t1);
        await(t2);
        print("main done");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
