// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

// README:hello-world
import static io.jasyncio.Asyncio.*; // run, createTask, sleep, await, result

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

/** Two tasks that greet concurrently: one loop, one thread, about one second in all. */
public class HelloWorld {
    @Async
    static Coroutine<Integer> greet(String name, double delay) {
        await(sleep(delay));                  // suspends this task, not the thread
        System.out.println("hello, " + name);
        return result(name.length());
    }

    @Async
    static Coroutine<Integer> main() {
        Task<Integer> slow = createTask(greet("slow world", 1.0));
        Task<Integer> quick = createTask(greet("world", 0.5));
        return result(await(slow) + await(quick)); // both run while main waits
    }

    public static void main(String[] args) {
        System.out.println("letters: " + run(main()));
    }
}
// README:end
