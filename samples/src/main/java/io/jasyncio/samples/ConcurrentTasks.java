// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.monotonic;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.round;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/02_concurrent_tasks.py.
// Example B: two tasks created up front run concurrently (~1.0s total).

/** Two tasks created up front run concurrently: about 1 s in all. */
public final class ConcurrentTasks {
    private ConcurrentTasks() {
    }

    @Async
    static Coroutine<String> delayer(String name) {
        print(name, "start");
        await(sleep(1));
        return result(name);
    }

    @Async
    static Coroutine<Void> main() {
        double t0 = monotonic();
        Task<String> t1 = createTask(delayer("t1"));
        Task<String> t2 = createTask(delayer("t2"));
        // create_task only schedules the first step; nothing has run yet.
        print("tasks created; t1 done?", t1.done(), "t2 done?", t2.done());
        String r1 = await(t1);
        print("awaited t1 ->", r1);
        String r2 = await(t2);
        print("awaited t2 ->", r2);
        print("elapsed", round(monotonic() - t0, 1));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
