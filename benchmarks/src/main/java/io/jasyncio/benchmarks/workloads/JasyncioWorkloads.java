// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.benchmarks.BuildSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The workloads on jasyncio: each is one {@code run(...)} of a main coroutine that creates the tasks
 * and gathers them. Runs woven by the agent ({@code -javaagent:jasyncio-agent.jar}).
 */
public final class JasyncioWorkloads implements Workloads {
    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new JasyncioWorkloads(), args);
    }

    @Override
    public String description() {
        return "jasyncio " + BuildSettings.get("jasyncio.version") + ", woven at load time by the agent";
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        return run(startAndGather(tasks, i -> nest(depth, switches)));
    }

    @Override
    public long spawn(int tasks) {
        return run(startAndGather(tasks, JasyncioWorkloads::identity));
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        return run(sleepAndGather(tasks, seconds, allParked));
    }

    /** Awaits {@code depth} nested calls of itself; the innermost one switches {@code switches} times. */
    @Async
    static Coroutine<Integer> nest(int depth, int switches) {
        if (depth == 0) {
            for (int i = 0; i < switches; i++) {
                await(sleep(0));
            }
            return result(0);
        }
        return result(await(nest(depth - 1, switches)) + 1);
    }

    @Async
    static Coroutine<Integer> identity(int value) {
        return result(value);
    }

    @Async
    static Coroutine<Integer> sleeper(double seconds) {
        await(sleep(seconds));
        return result(1);
    }

    @Async
    static Coroutine<Long> startAndGather(int tasks, IntFunction<Coroutine<Integer>> body) {
        List<Task<Integer>> all = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            all.add(createTask(body.apply(i)));
        }
        return result(sum(await(gather(all))));
    }

    @Async
    static Coroutine<Long> sleepAndGather(int tasks, double seconds, Runnable allParked) {
        List<Task<Integer>> all = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            all.add(createTask(sleeper(seconds)));
        }
        Future<List<Integer>> everyone = gather(all);
        await(sleep(0)); // one iteration, in which every task runs up to its sleep
        allParked.run();
        return result(sum(await(everyone)));
    }

    private static long sum(List<Integer> values) {
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }
}
