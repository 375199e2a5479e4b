// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.graph.FrameCallGraphEntry;
import io.jasyncio.graph.FutureCallGraph;
import io.jasyncio.internal.FrameClasses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Captures call graphs, asyncio 3.14's {@code capture_call_graph}: for a task, its call stack (the
 * running task's from the thread's stack, a suspended one's from its chain of awaits with the line of
 * each await), and recursively the graphs of what awaits it. Loop thread only.
 */
final class CallGraphs {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallGraphs() {
    }

    /** The graph of {@code future}; a waiter already on the path (a cycle of awaits) is left out where it closes. */
    static FutureCallGraph capture(Future<?> future) {
        Set<Future<?>> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        return capture(future, onPath);
    }

    private static FutureCallGraph capture(Future<?> future, Set<Future<?>> onPath) {
        onPath.add(future);
        List<FutureCallGraph> awaitedBy = new ArrayList<>();
        for (Future<?> waiter : AwaitedBy.of(future)) {
            if (!onPath.contains(waiter)) {
                awaitedBy.add(capture(waiter, onPath));
            }
        }
        onPath.remove(future);
        return new FutureCallGraph(future, future instanceof Task<?> task ? callStack(task) : List.of(), awaitedBy);
    }

    /** Where {@code task} is: innermost frame first, its own coroutine last. */
    private static List<FrameCallGraphEntry> callStack(Task<?> task) {
        if (task.done()) {
            return List.of();
        }
        if (task.getLoop().currentTask() == task) {
            return runningStack();
        }
        return task.getStack().stream().map(frame -> new FrameCallGraphEntry(frame, true)).toList();
    }

    /**
     * The running task's stack, from the caller of the capture down to its own coroutine: the user's
     * frames only, each a coroutine if a frame class's {@code resume()} called it.
     */
    private static List<FrameCallGraphEntry> runningStack() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stream -> stream.toList());
        int outermostResume = -1; // below it the loop runs the task: not the task's stack
        for (int index = 0; index < frames.size(); index++) {
            if (FrameClasses.isFrameClass(frames.get(index).getDeclaringClass())) {
                outermostResume = index;
            }
        }
        List<FrameCallGraphEntry> stack = new ArrayList<>();
        for (int index = 0; index < outermostResume; index++) {
            Class<?> type = frames.get(index).getDeclaringClass();
            if (StackTraces.isRuntimeClass(type.getName()) || FrameClasses.isFrameClass(type)) {
                continue;
            }
            boolean coroutine = FrameClasses.isFrameClass(frames.get(index + 1).getDeclaringClass());
            stack.add(new FrameCallGraphEntry(frames.get(index).toStackTraceElement(), coroutine));
        }
        return stack;
    }
}
