// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.run;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;

/** Two countdowns that take turns on one loop. */
public class Countdown {
    /** Counts down from {@code from}, yielding to the other tasks after each step. */
    @Async
    static Coroutine<Integer> count(String name, int from, List<String> trace) {
        for (int i = from; i > 0; i--) {
            trace.add(name + " " + i);
            await(sleep(0));
        }
        return result(from);
    }

    /** Runs two countdowns concurrently and returns their interleaved trace and the sum of their results. */
    @Async
    public static Coroutine<List<String>> main() {
        List<String> trace = new ArrayList<>();
        Task<Integer> a = createTask(count("a", 2, trace));
        Task<Integer> b = createTask(count("b", 3, trace));
        trace.add("sum " + (await(a) + await(b)));
        return result(trace);
    }
}
