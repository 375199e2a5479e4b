// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.function.Supplier;

// Port of conformance/27_taskgroup_basic.py.
// TaskGroup (3.11): `async with` exit waits for every child; children
// start only when the body yields (or at the exit's await); tasks can be
// added while the group is running; results are read from the tasks.
// `async with asyncio.TaskGroup() as tg: body` is `await(taskGroup(tg -> body))`.
// Python's variables assigned in the body outlive the block: the first body
// returns its tasks, and the port keeps the second group in `finished` to use
// it after its block. Python's nested `async def spawner()` is an async lambda,
// and a Java coroutine that never ran needs no `coro.close()`.

/** taskGroup(): the block waits for every task of the group, including tasks added by its tasks. */
public final class TaskGroupBasic {
    /** The second group, Python's `tg` after its `async with`. */
    private static TaskGroup finished;

    private TaskGroupBasic() {
    }

    @Async
    static Coroutine<String> child(String name, double delay) {
        print(name, "start");
        await(sleep(delay));
        print(name, "end");
        return result(name + name);
    }

    @Async
    static Coroutine<Void> main() {
        List<Task<String>> tasks = await(taskGroup(tg -> {
            Task<String> t1 = tg.createTask(child("a", 0.02));
            Task<String> t2 = tg.createTask(child("b", 0.01), "task-b");
            print("body: created tasks, nothing started yet");
            await(sleep(0));
            print("body: after sleep(0)");
            Task<String> t3 = tg.createTask(child("c", 0.03));
            print("body: exiting the async with");
            return result(List.of(t1, t2, t3));
        }));
        print("after group:", tasks.get(0).result(), tasks.get(1).result(), tasks.get(2).result(),
                tasks.get(1).getName());

        // children created from inside other children of the same group
        await(taskGroup(tg -> {
            finished = tg;
            Supplier<Coroutine<Void>> spawner = () -> {
                await(sleep(0.01));
                tg.createTask(child("spawned", 0.01));
                print("spawner done");
                return result(null);
            };
            tg.createTask(spawner.get());
            return result(null);
        }));
        print("group with late spawn finished");

        Coroutine<String> coro = child("late", 0);
        try {
            finished.createTask(coro);
        } catch (IllegalStateException e) { // Python's RuntimeError
            print("create_task on finished group -> RuntimeError");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
