// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A lambda that returns Coroutine is lazy even when it neither awaits nor calls result: calling it
 * runs none of its body, the first step of its coroutine does. So is a method reference that javac
 * compiles into a lambda body (a varargs target). A lambda that returns Awaitable without awaiting
 * may return a future, and stays a plain lambda.
 */
public class LazyLambdasBox {
    private final StringBuilder trace = new StringBuilder();

    @Async
    static Coroutine<String> joined(String... parts) {
        return result(String.join("+", parts) + await(later("")));
    }

    Coroutine<String> traced(String text) {
        trace.append("traced(").append(text).append(");");
        return later(text);
    }

    @Async
    Coroutine<String> run() {
        Supplier<Coroutine<Void>> throwing = () -> {
            throw new IllegalStateException("at start");
        };
        Coroutine<Void> notRun = throwing.get();
        Task<Void> failing = createTask(notRun);
        trace.append("created done=").append(failing.done()).append(";");
        try {
            await(failing);
            trace.append("no exception;");
        } catch (IllegalStateException expected) {
            trace.append("task threw ").append(expected.getMessage()).append(";");
        }

        Function<String, Coroutine<String>> delegating = text -> {
            trace.append("body(").append(text).append(");");
            return traced(text);
        };
        Coroutine<String> lazy = delegating.apply("x");
        trace.append("called;");
        String got = await(lazy);
        trace.append("got ").append(got).append(";");

        Supplier<Coroutine<String>> varargsReference = LazyLambdasBox::joined;
        String joined = await(varargsReference.get());
        trace.append("varargs [").append(joined).append("];");

        Future<String> future = getRunningLoop().createFuture();
        future.setResult("future");
        Supplier<Awaitable<String>> plainAwaitable = () -> future;
        trace.append("same future ").append(plainAwaitable.get() == future).append(";");
        return result(trace.toString());
    }

    @Async
    public static Coroutine<String> box() {
        String trace = await(new LazyLambdasBox().run());
        String expected = "created done=false;task threw at start;called;body(x);traced(x);got x;varargs [];"
                + "same future true;";
        return result(trace.equals(expected) ? "OK" : trace);
    }
}
