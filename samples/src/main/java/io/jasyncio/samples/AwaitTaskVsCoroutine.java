// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/07_await_task_vs_coroutine.py.
// Counting event-loop iterations with a ticker task (one tick per iteration,
// because sleep(0) yields exactly one iteration).
//  - await coro() of a non-suspending coroutine: 0 iterations
//  - await create_task(coro()) of the same coroutine: the task's step runs
//    in the next iteration, then the awaiting task is woken via a done
//    callback (call_soon) in the iteration after that: 2 iterations
//  - await of an already-done task/future: 0 iterations (no suspension)

/** How many loop iterations each kind of await costs, counted by a ticker task. */
public final class AwaitTaskVsCoroutine {
    static int ticks = 0;
    static boolean stop = false;

    private AwaitTaskVsCoroutine() {
    }

    @Async
    static Coroutine<Void> ticker() {
        while (!stop) {
            await(sleep(0));
            ticks += 1;
        }
        return result(null);
    }

    @Async
    static Coroutine<Integer> quick() {
        return result(42);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> tk = createTask(ticker());
        await(sleep(0));            // let the ticker start
        int base = ticks;
        Object r = await(quick());
        print("await coroutine:", r, "iterations", ticks - base);

        base = ticks;
        Task<Integer> t = createTask(quick());
        r = await(t);
        print("await fresh task:", r, "iterations", ticks - base);

        base = ticks;
        r = await(t);                        // already done: no suspension
        print("await done task again:", r, "iterations", ticks - base);

        Future<String> fut = getRunningLoop().createFuture();
        fut.setResult("ready");
        base = ticks;
        r = await(fut);
        print("await done future:", r, "iterations", ticks - base);

        Future<String> fut2 = getRunningLoop().createFuture();
        getRunningLoop().callSoon(() -> fut2.setResult("later"));
        base = ticks;
        r = await(fut2);
        print("await future resolved by call_soon:", r, "iterations", ticks - base);

        base = ticks;
        await(sleep(0));
        print("sleep(0):", "iterations", ticks - base);
        stop = true;
        await(tk);
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
