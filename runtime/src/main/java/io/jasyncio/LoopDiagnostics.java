// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a loop still holds, read between its iterations or from one of its callbacks: for test
 * frameworks that fail a test which leaves work behind (jasyncio-junit) and for tools. asyncio has no
 * such API; its test suites read the loop's private fields. Loop thread only, or while the loop is
 * not running.
 */
public final class LoopDiagnostics {
    private LoopDiagnostics() {
    }

    /** The tasks of {@code loop} that are not done, in creation order, as {@code allTasks(loop)}. */
    public static Set<Task<?>> pendingTasks(EventLoop loop) {
        return loop.allTasks();
    }

    /**
     * The failures of {@code loop}'s futures that nobody retrieved yet, whether or not the futures are
     * still reachable, in the order they happened: what "Task exception was never retrieved" would
     * report to the exception handler (keys {@code message}, {@code exception}, {@code future}).
     */
    public static List<Map<String, Object>> unretrievedExceptions(EventLoop loop) {
        return loop.unretrievedExceptions();
    }

    /**
     * The callbacks waiting in {@code loop}'s ready queue to run in its next iteration, described as
     * in messages; cancelled handles and the steps of tasks (which {@link #pendingTasks} lists) are
     * left out.
     */
    public static List<String> readyCallbacks(EventLoop loop) {
        List<String> callbacks = new ArrayList<>();
        loop.forEachReadyEntry(entry -> {
            if (entry instanceof Handle handle && !handle.cancelled()) {
                callbacks.add(handle.toString());
            } else if (entry instanceof Future<?> future && !(entry instanceof Task)) {
                callbacks.add(future.describeTurn());
            }
        });
        return callbacks;
    }

    /**
     * How many entries wait in {@code loop}'s ready queue to run in its next iteration: callbacks not
     * cancelled, and the steps of tasks.
     */
    public static int readyCount(EventLoop loop) {
        int[] count = {0};
        loop.forEachReadyEntry(entry -> {
            if (!(entry instanceof Handle handle && handle.cancelled())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * The loop time, in seconds, of the earliest timer of {@code loop} (a timer handle or a sleeping
     * task), or empty if it has none. A timer cancelled since the loop's last iteration may still
     * count.
     */
    public static OptionalDouble nextTimerTime(EventLoop loop) {
        long first = loop.firstTimerNanos();
        return first == Long.MAX_VALUE ? OptionalDouble.empty() : OptionalDouble.of(LoopTime.nanosToSeconds(first));
    }

    /**
     * The channels registered with {@code loop} that are still open: the listening sockets of servers
     * not closed and the connections not closed, and any channel given to {@code addReader},
     * {@code addWriter} or a {@code sock*} method. Empty for a loop without I/O.
     */
    public static List<SelectableChannel> openChannels(EventLoop loop) {
        return loop instanceof SelectorEventLoop selectorLoop ? selectorLoop.openChannels() : List.of();
    }
}
