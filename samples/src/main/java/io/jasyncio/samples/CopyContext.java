// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.tuple;

import io.jasyncio.Context;
import io.jasyncio.ContextVar;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.samples.Python.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

// Port of conformance/66_copy_context.py (kept beside its output, in the samples' test resources).
// contextvars with asyncio: copy_context() copies the current context;
// ctx.run(fn) runs fn in ctx, and what fn sets stays in ctx afterwards;
// entering a context that is already entered raises RuntimeError;
// create_task(coro, context=ctx) runs every step of the task in ctx, so
// two tasks given the same context see each other's changes, and ctx
// shows them once they are done; a task created without a context runs
// in a copy of the creator's; call_soon/call_later(..., context=ctx) run
// their callback in ctx.
// Python's RuntimeError is IllegalStateException here; count holds ints,
// so it is a ContextVar<Object> for count.get("unset").

/** Context variables with a context given explicitly: copyContext, Context.run, createTask and callSoon with one. */
public final class CopyContext {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request", "none");
    private static final ContextVar<Object> COUNT = new ContextVar<>("count");

    private CopyContext() {
    }

    static void show(String label) {
        print(label, "request =", REQUEST.get(), "count =", COUNT.get("unset"));
    }

    static List<Tuple> entries(Context ctx) {
        List<Tuple> entries = new ArrayList<>();
        for (ContextVar<?> variable : ctx) {
            entries.add(tuple(variable.getName(), ctx.get(variable)));
        }
        entries.sort(Comparator.comparing(entry -> (String) entry.items().get(0)));
        return entries;
    }

    @Async
    static Coroutine<Object> worker(String name, int steps) {
        for (int i = 0; i < steps; i++) {
            COUNT.set((Integer) COUNT.get(0) + 1);
            show(name + " step " + i + ":");
            await(sleep(0));
        }
        return result(COUNT.get());
    }

    @Async
    static Coroutine<Void> main() {
        REQUEST.set("main");
        show("main:");

        Context ctx = Context.copyContext();
        print("copy sees request:", ctx.get(REQUEST), "| len", ctx.size(), "| count in ctx:", ctx.containsKey(COUNT));
        ContextVar.Token<String> token = ctx.run(() -> REQUEST.set("in ctx"));
        print("after ctx.run: main sees", REQUEST.get(), "| ctx sees", ctx.get(REQUEST));
        print("token.old_value:", token.getOldValue());

        Runnable nested = () -> ctx.run(() -> show("nested"));
        try {
            ctx.run(nested);
        } catch (IllegalStateException e) {
            String message = e.getMessage(); // names the context: print around it
            print("RuntimeError:", message.substring(0, message.indexOf(':')), "...",
                    message.substring(message.indexOf("is already")));
        }

        // two tasks sharing one context object
        Context shared = new Context();
        Task<Object> a = createTask(worker("a", 2), null, shared);
        Task<Object> b = createTask(worker("b", 2), null, shared);
        Object resultA = await(a);
        Object resultB = await(b);
        print("results:", resultA, resultB);
        print("shared:", entries(shared));
        show("main after tasks:");

        // a task without a context runs in a copy of the creator's
        COUNT.set(100);
        Task<Object> c = createTask(worker("c", 1));
        COUNT.set(200);
        print("c result:", await(c), "| main count:", COUNT.get());

        // a task's changes reach ctx only through the context it was given
        Context ctx2 = ctx.copy();
        await(createTask(worker("d", 1), null, ctx2));
        print("ctx:", entries(ctx));
        print("ctx2:", entries(ctx2));

        // callbacks with a context
        EventLoop loop = getRunningLoop();
        Context callbackContext = new Context();
        Future<Void> done = loop.createFuture();
        loop.callSoon(() -> REQUEST.set("from call_soon"), callbackContext);
        loop.callLater(0.01, () -> show("call_later in cb_ctx:"), callbackContext);
        loop.callLater(0.02, () -> done.setResult(null));
        await(done);
        print("cb_ctx:", entries(callbackContext));
        show("main at the end:");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
