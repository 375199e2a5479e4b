// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

/** Instance methods: fields and {@code this} across awaits, overloads, recursion, tasks and gather. */
public class InstanceMethodsBox {
    private final String name;
    private int counter;

    InstanceMethodsBox(String name) {
        this.name = name;
    }

    @Async
    Coroutine<String> describe() {
        counter++;
        await(later(null));
        counter++;
        return result(name + counter);
    }

    @Async
    Coroutine<String> describe(String suffix) {
        return result(await(describe()) + suffix);
    }

    @Async
    static Coroutine<Integer> fibonacci(int n) {
        if (n < 2) {
            return result(await(later(n)));
        }
        return result(await(fibonacci(n - 1)) + await(fibonacci(n - 2)));
    }

    @Async
    public static Coroutine<String> box() {
        InstanceMethodsBox box = new InstanceMethodsBox("x");
        String first = await(box.describe("!"));
        Task<Integer> fib = createTask(fibonacci(10));
        List<String> both = await(gather(box.describe(), new InstanceMethodsBox("y").describe()));
        String text = first + " " + await(fib) + " " + both;
        return result(text.equals("x2! 55 [x4, y2]") ? "OK" : text);
    }
}
