// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.graph.FutureCallGraph;
import io.jasyncio.graph.LoopTasks;
import io.jasyncio.graph.TaskListings;
import io.jasyncio.jfr.SlowCallbacks;
import io.jasyncio.jfr.WatchedLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loops of this JVM that have run, held weakly, and what the inspection tool asks of them:
 * {@code java -jar jasyncio-agent.jar ps PID} and {@code pstree PID} load the agent into this JVM
 * through the JDK's Attach API, and the agent calls {@link #report}. Each running loop is asked,
 * through {@link EventLoop#callSoonThreadsafe}, for the call graphs of its pending tasks; a loop that
 * does not answer within the timeout is reported blocked, with its thread's Java stack, so the tool
 * never hangs on it. The same loops are watched for slow callbacks while a flight recording enables
 * {@link io.jasyncio.jfr.SlowCallbackEvent}. Thread-safe.
 */
public final class LiveLoops {
    /** Every loop that has started running, until it is garbage-collected, with the slow-callback watchdog's view of it. */
    private static final Map<EventLoop, LoopActivity> LOOPS = Collections.synchronizedMap(new WeakHashMap<>());

    private LiveLoops() {
    }

    /** Registers {@code loop} as it starts to run; once per run, not per iteration. */
    static void register(EventLoop loop) {
        LOOPS.putIfAbsent(loop, new LoopActivity(loop));
        SlowCallbacks.loopStarted(LiveLoops::watchedLoops);
    }

    /** The watchdog's view of every loop that has started running. */
    private static List<WatchedLoop> watchedLoops() {
        synchronized (LOOPS) {
            return new ArrayList<>(LOOPS.values());
        }
    }

    /**
     * What every running loop is doing, as the text of {@code command}: {@code "ps"} for the table,
     * {@code "pstree"} for the tree (see {@link TaskListings}). Waits at most {@code timeoutMillis} in
     * all for the loops to answer.
     */
    public static String report(String command, long timeoutMillis) throws InterruptedException {
        if (!command.equals("ps") && !command.equals("pstree")) {
            throw new IllegalArgumentException("unknown command: " + command + " (ps or pstree)");
        }
        List<LoopTasks> loops = snapshot(timeoutMillis);
        if (loops.isEmpty()) {
            return "No running jasyncio event loop in this JVM.\n";
        }
        return command.equals("ps") ? TaskListings.table(loops) : TaskListings.tree(loops);
    }

    /** The tasks of every running loop, each loop asked on its own thread. */
    static List<LoopTasks> snapshot(long timeoutMillis) throws InterruptedException {
        List<EventLoop> running;
        synchronized (LOOPS) {
            running = new ArrayList<>(LOOPS.keySet());
        }
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<List<FutureCallGraph>>> answers = new ArrayList<>();
        for (EventLoop loop : running) {
            Thread thread = loop.runningThread();
            if (thread == null) {
                continue;
            }
            CompletableFuture<List<FutureCallGraph>> answer = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> {
                try {
                    answer.complete(loop.allTasks().stream().map(CallGraphs::capture).toList());
                } catch (Throwable failure) {
                    answer.completeExceptionally(failure);
                }
            });
            threads.add(thread);
            answers.add(answer);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<LoopTasks> loops = new ArrayList<>();
        for (int index = 0; index < answers.size(); index++) {
            Thread thread = threads.get(index);
            try {
                List<FutureCallGraph> tasks = answers.get(index).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                loops.add(new LoopTasks(thread.getName(), thread.getId(), tasks, null));
            } catch (TimeoutException blocked) {
                loops.add(new LoopTasks(thread.getName(), thread.getId(), List.of(), List.of(thread.getStackTrace())));
            } catch (ExecutionException failed) {
                throw new IllegalStateException("capturing the tasks of the loop on " + thread.getName() + " failed",
                        failed.getCause());
            }
        }
        return loops;
    }
}
