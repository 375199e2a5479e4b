// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.args;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.typeName;

import io.jasyncio.Coroutine;
import io.jasyncio.InvalidStateException;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.stream.Stream;

// Port of conformance/08_task_return_values.py.
// Tasks are futures: result()/exception()/done()/cancelled(); a task can be
// awaited many times (by many awaiters) and always yields the same outcome.

/** Tasks are futures: every awaiter of a task gets the same outcome, result or exception. */
public final class TaskReturnValues {
    private TaskReturnValues() {
    }

    @Async
    static Coroutine<Integer> compute(int x) {
        await(sleep(0));
        return result(x * x);
    }

    @Async
    static Coroutine<Void> fail() {
        await(sleep(0));
        throw new ValueError("bad");
    }

    @Async
    static Coroutine<Integer> waiter(String name, Task<Integer> t) {
        Integer r = await(t);
        print(name, "got", r);
        return result(r);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Integer> t = createTask(compute(7));
        try {
            t.result();
        } catch (InvalidStateException e) {
            print("result() before done ->", typeName(e));
        }
        List<Task<Integer>> w = Stream.of("w1", "w2", "w3").map(n -> createTask(waiter(n, t))).toList();
        print("main awaits", await(t));
        await(gather(w));
        print("done", t.done(), "cancelled", t.cancelled(),
                "result", t.result(), "exception", t.exception());

        Task<Void> f = createTask(fail());
        for (int i = 0; i < 2; i++) {
            try {
                await(f);
            } catch (ValueError e) {
                print("await failed task", i, "->", typeName(e), args(e));
            }
        }
        Throwable e1 = f.exception();
        try {
            f.result();
        } catch (ValueError e2) {
            print("exception() and result() give the same object:", e1 == e2);
        }

        // Task.set_result is not allowed (Python's RuntimeError is Java's IllegalStateException)
        try {
            t.setResult(1);
        } catch (IllegalStateException e) {
            print("RuntimeError:", e);
        }

        // a coroutine's return value when awaited directly
        print("direct await:", await(compute(3)));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
