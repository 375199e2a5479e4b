// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.graph;

import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a future or task is doing and who waits for it, asyncio 3.14's {@code FutureCallGraph}:
 * immutable, made by {@code Asyncio.captureCallGraph}.
 *
 * @param future the future or task
 * @param callStack for a task, where it is: the innermost frame first, down to its own coroutine; for a
 *     plain future, empty
 * @param awaitedBy the graphs of the futures and tasks that await this one: a task suspended on it, the
 *     task that gathers it, the parent task of its {@code TaskGroup}, the task of a {@code waitFor}
 *     that runs it, and those added with {@code futureAddToAwaitedBy}
 */
public record FutureCallGraph(Future<?> future, List<FrameCallGraphEntry> callStack, List<FutureCallGraph> awaitedBy) {
    /** Copies the lists, so that the graph cannot change. */
    public FutureCallGraph {
        Objects.requireNonNull(future, "future");
        callStack = List.copyOf(callStack);
        awaitedBy = List.copyOf(awaitedBy);
    }

    /** The id that the formats show for {@code future}, as Python shows {@code id(fut)}: its identity hash, in hex. */
    public static String idOf(Future<?> future) {
        return "0x" + Integer.toHexString(System.identityHashCode(future));
    }

    /**
     * The graph as asyncio 3.14's {@code format_call_graph} writes it, lines joined by {@code \n}:
     * <pre>
     * * Task(name='track', id=0x1b6d3586)
     *   + Call stack:
     *   |   File 'Album.java', line 12, in async Album.play()
     *   + Awaited by:
     *     * Task(name='album', id=0x4554617c)
     *       + Call stack:
     *       ...
     * </pre>
     */
    public String format() {
        List<String> lines = new ArrayList<>();
        render(this, 0, lines);
        return String.join("\n", lines);
    }

    private static void render(FutureCallGraph graph, int level, List<String> lines) {
        String indent = "    ".repeat(level);
        lines.add(indent + (graph.future instanceof Task<?> task
                ? "* Task(name='" + task.getName() + "', id=" + idOf(task) + ")"
                : "* Future(id=" + idOf(graph.future) + ")"));
        if (!graph.callStack.isEmpty()) {
            lines.add(indent + "  + Call stack:");
            for (FrameCallGraphEntry entry : graph.callStack) {
                StackTraceElement frame = entry.frame();
                lines.add(indent + "  |   File '" + (frame.getFileName() == null ? "Unknown Source" : frame.getFileName())
                        + "'" + (frame.getLineNumber() < 0 ? "" : ", line " + frame.getLineNumber()) + ", in "
                        + (entry.coroutine() ? "async " : "") + entry.qualifiedName() + "()");
            }
        }
        if (!graph.awaitedBy.isEmpty()) {
            lines.add(indent + "  + Awaited by:");
            for (FutureCallGraph waiter : graph.awaitedBy) {
                render(waiter, level + 1, lines);
            }
        }
    }
}
