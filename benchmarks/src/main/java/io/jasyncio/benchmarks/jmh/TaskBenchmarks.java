// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Tasks: {@code createTask} of a coroutine that returns at once, run to its end, and the same tasks
 * gathered; the difference is what {@code gather} costs a child. Each invocation's main task starts
 * {@value #TASKS} tasks.
 */
@State(Scope.Thread)
public class TaskBenchmarks extends MicrobenchmarkSettings {
    static final int TASKS = 1000;

    private EventLoop loop;

    @Setup
    public void createLoop() {
        loop = Asyncio.newEventLoop();
    }

    @TearDown
    public void closeLoop() {
        loop.close();
    }

    /** {@code createTask}, the task's one step, its end; the main task awaits the last one only. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int createTaskAndRun() {
        return loop.runUntilComplete(createAndAwaitLast(TASKS));
    }

    /** As {@link #createTaskAndRun}, and {@code await(gather(tasks))} of them all. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int gatherTasks() {
        return loop.runUntilComplete(createAndGather(TASKS));
    }

    @Async
    static Coroutine<Integer> identity(int value) {
        return result(value);
    }

    @Async
    static Coroutine<Integer> createAndAwaitLast(int tasks) {
        Task<Integer> last = null;
        for (int i = 0; i < tasks; i++) {
            last = createTask(identity(i));
        }
        return result(await(last)); // tasks run in creation order: when the last ends, all have
    }

    @Async
    static Coroutine<Integer> createAndGather(int tasks) {
        List<Task<Integer>> all = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            all.add(createTask(identity(i)));
        }
        return result(await(gather(all)).size());
    }
}
