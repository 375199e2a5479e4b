// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.stream.Stream;

// Port of conformance/05_create_task_start_order.py.
// create_task() schedules the task's first step with call_soon: tasks start
// in creation order (FIFO), only after the creator yields, and the creator
// keeps running synchronously until its next real suspension.

/** Tasks start in creation order, and only once their creator yields. */
public final class CreateTaskStartOrder {
    private CreateTaskStartOrder() {
    }

    @Async
    static Coroutine<String> worker(String name) {
        print(name, "first step");
        await(sleep(0));
        print(name, "second step");
        return result(name);
    }

    @Async
    static Coroutine<Void> main() {
        List<Task<String>> tasks = Stream.of("A", "B", "C").map(n -> createTask(worker(n))).toList();
        print("main: created 3 tasks, none started:", tasks.stream().map(t -> t.done()).toList());
        for (int i = 0; i < 3; i++) {
            print("main: still running synchronously", i);
        }
        await(sleep(0));            // one iteration: every first step runs
        print("main: after first sleep(0)");
        await(sleep(0));            // second steps run (A,B,C finish)
        print("main: after second sleep(0), done:", tasks.stream().map(t -> t.done()).toList());
        // a task created now queues behind anything already in the ready queue
        EventLoop loop = getRunningLoop();
        loop.callSoon(() -> print("callback queued before D"));
        Task<String> d = createTask(worker("D"));
        loop.callSoon(() -> print("callback queued after D"));
        print("main: awaiting D");
        print("main: D returned", await(d));
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
