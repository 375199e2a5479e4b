// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

// Port of conformance/10_gather_order.py.
// gather() returns results in argument order, regardless of completion order.
// Coroutine arguments are wrapped in tasks in argument order, so they start
// in argument order; duplicates are only run once.

/** gather() returns results in argument order; its coroutines start in argument order; a duplicate runs once. */
public final class GatherOrder {
    private GatherOrder() {
    }

    @Async
    static Coroutine<String> work(String name, double delay) {
        print("start", name);
        await(sleep(delay));
        print("finish", name);
        return result(name.toUpperCase());
    }

    @Async
    static Coroutine<Void> main() {
        List<String> res = await(gather(work("a", 0.3), work("b", 0.1), work("c", 0.2)));
        print("results", res);

        Task<String> t = createTask(work("dup", 0.05));
        res = await(gather(t, t, work("x", 0)));
        print("results with duplicate", res);

        List<Object> none = await(gather());
        print("empty gather", none);

        // gather of already-finished futures / plain values via futures
        Future<String> f = getRunningLoop().createFuture();
        f.setResult("pre");
        print("gather done future", await(gather(f)));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
