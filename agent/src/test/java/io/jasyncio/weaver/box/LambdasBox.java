// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lambdas that return Coroutine (or Awaitable, for a Supplier&lt;Awaitable&lt;T&gt;&gt; target) and await are
 * woven like @Async methods; so is a method reference's target.
 */
public class LambdasBox {
    private final String prefix = "p";
    private int calls;

    @Async
    Coroutine<String> decorate(String text) {
        calls++;
        return result(prefix + await(later(text)));
    }

    @Async
    Coroutine<String> run() {
        int base = 10;
        Function<Integer, Coroutine<Integer>> addLater = n -> result(base + await(later(n)));
        Supplier<Coroutine<String>> capturingThis = () -> {
            String first = await(decorate("a"));
            return result(first + await(later(calls)));
        };
        Function<String, Coroutine<String>> reference = this::decorate;
        StringBuilder trace = new StringBuilder();
        Supplier<Coroutine<String>> lazy = () -> {
            trace.append("ran;");
            return result("lazy");
        };
        Coroutine<String> notYetRun = lazy.get();
        trace.append("created;");
        Task<Integer> task = createTask(addLater.apply(5));
        String text = await(addLater.apply(1)) + " " + await(capturingThis.get()) + " " + await(reference.apply("b"))
                + " " + await(task) + " " + await(notYetRun) + " " + trace;
        return result(text);
    }

    @Async
    public static Coroutine<String> box() {
        String text = await(new LambdasBox().run());
        Supplier<Coroutine<Integer>> lambda = () -> result(await(later(1)));
        Supplier<Awaitable<String>> awaitableLambda = () -> result(await(later("awaitable")));
        String viaAwaitable = await(awaitableLambda.get());
        if (!viaAwaitable.equals("awaitable")) {
            return result(viaAwaitable);
        }
        String names = new LambdasBox().decorate("x") + " " + lambda.get();
        // javac numbers lambda bodies as it likes (17 and 25 differ), so only the prefix is checked.
        if (!names.matches("Coroutine\\[LambdasBox\\.decorate new\\] Coroutine\\[LambdasBox\\.lambda\\$box\\$\\d+ new\\]")) {
            return result(names);
        }
        return result(text.equals("11 pa1 pb 15 lazy created;ran;") ? "OK" : text);
    }
}
