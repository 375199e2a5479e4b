// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.graph;

import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of {@code java -jar jasyncio-agent.jar ps PID} and {@code pstree PID}, after Python 3.14's
 * {@code python -m asyncio ps} and {@code pstree}: a table of every pending task of every running
 * loop, or the tree of tasks by who awaits whom, each task under the frame of its awaiter where it
 * waits. A loop whose thread did not answer is reported blocked, with its thread's Java stack.
 */
public final class TaskListings {
    private static final String[] HEADINGS = {"thread", "task id", "task name", "coroutine chain", "awaited by"};

    private TaskListings() {
    }

    /**
     * The table: one row per task, with its loop's thread, its id, its name, its coroutines innermost
     * first ({@code inner -> outer}), and the ids of the tasks and futures that await it.
     */
    public static String table(List<LoopTasks> loops) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        StringBuilder blocked = new StringBuilder();
        for (LoopTasks loop : loops) {
            if (loop.blocked()) {
                appendBlocked(loop, blocked);
                continue;
            }
            for (FutureCallGraph task : loop.tasks()) {
                rows.add(new String[] {loop.threadName(), FutureCallGraph.idOf(task.future()), nameOf(task.future()),
                        task.callStack().stream().filter(FrameCallGraphEntry::coroutine)
                                .map(FrameCallGraphEntry::qualifiedName).collect(Collectors.joining(" -> ")),
                        task.awaitedBy().stream().map(waiter -> FutureCallGraph.idOf(waiter.future()))
                                .collect(Collectors.joining(", "))});
            }
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(column == widths.length - 1 ? rows.get(index)[column]
                        : String.format("%-" + (widths[column] + 2) + "s", rows.get(index)[column]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
            if (index == 0) {
                text.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
        return text.append(blocked).toString();
    }

    /**
     * The tree: for each loop, a heading line, then its tasks that no task awaits as roots; under a
     * task, its call stack from its own coroutine inwards, and under the innermost frame the tasks it
     * awaits. A task awaited by two tasks shows under both; a cycle of awaits is cut where it closes.
     */
    public static String tree(List<LoopTasks> loops) {
        StringBuilder text = new StringBuilder();
        for (LoopTasks loop : loops) {
            if (loop.blocked()) {
                appendBlocked(loop, text);
                continue;
            }
            text.append("Loop on thread ").append(loop.threadName()).append(" (id ").append(loop.threadId())
                    .append("):\n");
            Map<Future<?>, FutureCallGraph> byTask = new IdentityHashMap<>();
            for (FutureCallGraph task : loop.tasks()) {
                byTask.put(task.future(), task);
            }
            Map<Future<?>, List<FutureCallGraph>> awaitedTasks = new IdentityHashMap<>();
            List<FutureCallGraph> roots = new ArrayList<>();
            for (FutureCallGraph task : loop.tasks()) {
                boolean awaited = false;
                for (FutureCallGraph waiter : task.awaitedBy()) {
                    if (byTask.containsKey(waiter.future())) {
                        awaitedTasks.computeIfAbsent(waiter.future(), key -> new ArrayList<>()).add(task);
                        awaited = true;
                    }
                }
                if (!awaited) {
                    roots.add(task);
                }
            }
            Set<Future<?>> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int index = 0; index < roots.size(); index++) {
                appendTask(roots.get(index), awaitedTasks, "", index == roots.size() - 1, onPath, text);
            }
        }
        return text.toString();
    }

    private static void appendTask(FutureCallGraph task, Map<Future<?>, List<FutureCallGraph>> awaitedTasks,
            String prefix, boolean last, Set<Future<?>> onPath, StringBuilder text) {
        text.append(prefix).append(last ? "└── " : "├── ").append("(T) ").append(nameOf(task.future()));
        if (!onPath.add(task.future())) {
            text.append(" (cycle)\n");
            return;
        }
        text.append('\n');
        String inner = prefix + (last ? "    " : "│   ");
        List<FrameCallGraphEntry> outermostFirst = new ArrayList<>(task.callStack());
        Collections.reverse(outermostFirst);
        for (FrameCallGraphEntry entry : outermostFirst) {
            text.append(inner).append("└──  ").append(entry.qualifiedName()).append(' ').append(entry.location()).append('\n');
            inner += "    ";
        }
        List<FutureCallGraph> children = awaitedTasks.getOrDefault(task.future(), List.of());
        for (int index = 0; index < children.size(); index++) {
            appendTask(children.get(index), awaitedTasks, inner, index == children.size() - 1, onPath, text);
        }
        onPath.remove(task.future());
    }

    private static void appendBlocked(LoopTasks loop, StringBuilder text) {
        text.append("Loop on thread ").append(loop.threadName()).append(" (id ").append(loop.threadId())
                .append(") is blocked: it did not answer in time; a callback or task step that does not return"
                        + " holds its thread, whose Java stack is:\n");
        for (StackTraceElement element : loop.blockedStack()) {
            text.append("\tat ").append(element).append('\n');
        }
    }

    private static String nameOf(Future<?> future) {
        return future instanceof Task<?> task ? task.getName() : "Future";
    }
}
