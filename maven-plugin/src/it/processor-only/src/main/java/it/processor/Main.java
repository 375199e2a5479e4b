// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.processor;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

/** Two tasks that sleep and say so; compiled by javac with the processor, and nothing else. */
public class Main {
    @Async
    static Coroutine<String> sayAfter(double delay, String what) {
        await(sleep(delay));
        System.out.println(what);
        return result(what.length() + " letters");
    }

    /** Runs the two tasks, awaiting each in turn, inside a catch that must not hide a missed weave. */
    @Async
    public static Coroutine<String> main() {
        try {
            Task<String> hello = createTask(sayAfter(0.02, "hello"));
            Task<String> world = createTask(sayAfter(0.01, "world"));
            return result(await(hello) + ", " + await(world));
        } catch (Exception e) {
            return result("swallowed " + e);
        }
    }

    public static void main(String[] args) {
        System.out.println(run(main()));
    }
}
