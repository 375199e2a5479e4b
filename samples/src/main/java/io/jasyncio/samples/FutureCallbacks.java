// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.repr;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.InvalidStateException;
import io.jasyncio.annotations.Async;
import java.util.function.Consumer;
import java.util.function.Supplier;

// Port of conformance/39_future_callbacks.py.
// Future basics: done callbacks are never called synchronously by
// set_result(); they are scheduled with call_soon in registration order.
// A callback added to an already-done future is also scheduled via
// call_soon. State errors raise InvalidStateError.
// Python's set_exception(RuntimeError) instantiates the class; Java passes
// an instance, which prints the same.

/** Done callbacks are scheduled with callSoon in registration order, never run inline. */
public final class FutureCallbacks {
    private FutureCallbacks() {
    }

    @Async
    static Coroutine<Void> main() {
        EventLoop loop = getRunningLoop();
        Future<String> fut = loop.createFuture();
        fut.addDoneCallback(f -> print("cb1 sees", f.result()));
        fut.addDoneCallback(f -> print("cb2 sees", f.result()));
        Consumer<Future<String>> cb3 = f -> print("cb3 (removed, never printed)");
        fut.addDoneCallback(cb3);
        print("remove_done_callback ->", fut.removeDoneCallback(cb3));
        loop.callSoon(() -> print("call_soon queued before set_result"));
        fut.setResult("R");
        print("set_result returned; callbacks not yet run");
        fut.addDoneCallback(f -> print("cb4 added after done"));
        loop.callSoon(() -> print("call_soon queued after cb4"));
        await(sleep(0));
        print("after one iteration");

        printOnDoneFuture("set_result", () -> {
            fut.setResult("1");
            return null;
        });
        printOnDoneFuture("set_exception", () -> {
            fut.setException(new ValueError(null));
            return null;
        });
        printOnDoneFuture("cancel", fut::cancel);

        Future<String> pending = loop.createFuture();
        printOnPendingFuture("result", pending::result);
        printOnPendingFuture("exception", pending::exception);

        Future<String> f2 = loop.createFuture();
        f2.setException(new KeyError("k"));
        print("exception() ->", repr(f2.exception()), "done", f2.done(), "cancelled", f2.cancelled());
        Future<String> f3 = loop.createFuture();
        f3.addDoneCallback(f -> print("cancel callback; cancelled =", f.cancelled()));
        print("cancel ->", f3.cancel(), "cancel again ->", f3.cancel());
        await(sleep(0));

        // set_exception with a class instantiates it
        Future<String> f4 = loop.createFuture();
        f4.setException(new RuntimeError());
        print("set_exception(class) ->", repr(f4.exception()));
        return result(null);
    }

    /** {@code getattr(fut, op)(...)} on a done future: prints what it returned, or InvalidStateError. */
    private static void printOnDoneFuture(String op, Supplier<Object> call) {
        try {
            Object r = call.get();
            print(op, "on done future ->", r);
        } catch (InvalidStateException e) {
            print(op, "on done future -> InvalidStateError");
        }
    }

    /** {@code getattr(pending, op)()}: prints when it raises InvalidStateError. */
    private static void printOnPendingFuture(String op, Runnable call) {
        try {
            call.run();
        } catch (InvalidStateException e) {
            print(op, "on pending future -> InvalidStateError");
        }
    }

    /** Python's {@code KeyError}, for its repr. */
    static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyError(String key) {
            super(key);
        }
    }

    /** Python's {@code RuntimeError}, for its repr. */
    static final class RuntimeError extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
