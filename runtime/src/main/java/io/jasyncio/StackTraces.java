// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps stack traces readable across resumes. A task resumes the innermost coroutine of a chain of
 * awaits directly, so when that coroutine throws, the coroutines awaiting it are not on the Java
 * stack. As Python adds each frame an exception passes through to its traceback, the awaiter's
 * frames are appended to the exception's trace when it reaches the awaiter's {@code await}.
 */
final class StackTraces {
    /** The runtime's own frames above the awaiter's {@code await}, left out of the trace. */
    private static final Set<String> DELIVERY_CLASSES = Set.of(StackTraces.class.getName(), Task.class.getName(),
            WovenCodeSupport.class.getName(), WovenCode.class.getName());

    private static final StackWalker WALKER = StackWalker.getInstance();

    /**
     * The most frames a trace keeps, the innermost ones, as the JVM keeps by default
     * ({@code -XX:MaxJavaStackTraceDepth}): an exception that passes through 100,000 awaits then has
     * a trace of this length, not 200,000 frames copied anew at each of them.
     */
    private static final int MAX_FRAMES = 1024;

    private StackTraces() {
    }

    /**
     * Replaces the frames of {@code failure}'s trace below the coroutine that threw it (where the task
     * resumed that coroutine) with the current stack, which runs from the awaiter's {@code await}
     * down, up to {@link #MAX_FRAMES} in all. Called as the failure is delivered to the awaiter; the
     * same object stays thrown.
     */
    static void continueInAwaiter(Throwable failure) {
        StackTraceElement[] thrown = failure.getStackTrace();
        int resumedAt = thrown.length < MAX_FRAMES ? indexOfResume(thrown) : -1; // a full trace stays as it is
        if (resumedAt < 0) {
            return;
        }
        List<StackTraceElement> trace = new ArrayList<>(List.of(thrown).subList(0, resumedAt));
        trace.addAll(WALKER.walk(frames -> frames
                .dropWhile(frame -> DELIVERY_CLASSES.contains(frame.getClassName()))
                .limit(MAX_FRAMES - resumedAt)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList()));
        failure.setStackTrace(trace.toArray(new StackTraceElement[0]));
    }

    /** The index of the frame where a task resumed the throwing coroutine, or -1. */
    private static int indexOfResume(StackTraceElement[] trace) {
        for (int index = 0; index < trace.length; index++) {
            if (trace[index].getClassName().equals(Coroutine.class.getName()) && trace[index].getMethodName().equals("run")) {
                return index;
            }
        }
        return -1;
    }

    /** The stack of the running task, asyncio's {@code get_stack()} during a step: the thread's, below {@link Task}'s frames. */
    static List<StackTraceElement> currentTaskStack(int limit) {
        return WALKER.walk(frames -> frames.dropWhile(frame -> frame.getClassName().equals(StackTraces.class.getName())
                        || frame.getClassName().equals(Task.class.getName()))
                .limit(limit).map(StackWalker.StackFrame::toStackTraceElement).toList());
    }

    /** Stands for the sleep frame that {@link Task#getStack} shows while the task sleeps on a timer. */
    private static final StackTraceElement SLEEP_FRAME = new StackTraceElement(Sleep.class.getName(), "sleep", null, -1);

    /**
     * {@link Task#getStack(int)} of {@code task}, not running, whose innermost coroutine is
     * {@code frame}: one frame per coroutine of its chain of awaits, or, once it failed, the
     * outermost frames of its exception's trace.
     */
    static List<StackTraceElement> suspendedTaskStack(Task<?> task, Coroutine<?> frame, boolean asleep, int limit) {
        List<StackTraceElement> stack = new ArrayList<>();
        if (asleep && limit > 0) {
            stack.add(SLEEP_FRAME); // the awaiting frame sleeps in place of the sleep coroutine
        }
        for (Coroutine<?> suspended = frame; suspended != null && stack.size() < limit; suspended = suspended.caller) {
            stack.add(frameOf(suspended));
        }
        if (stack.isEmpty() && task.failed()) {
            List<StackTraceElement> trace = List.of(task.exceptionNow().getStackTrace());
            return trace.subList(Math.max(0, trace.size() - limit), trace.size());
        }
        return stack;
    }

    /**
     * A stack frame for {@code coroutine}: its function name ({@code Owner.method}, nested classes
     * joined by dots) turned back into the declaring class and method, without file or line.
     */
    static StackTraceElement frameOf(Coroutine<?> coroutine) {
        String function = coroutine.functionName();
        int methodStart = function.lastIndexOf('.');
        String packagePrefix = coroutine.getClass().getPackageName().isEmpty()
                ? "" : coroutine.getClass().getPackageName() + ".";
        String declaringClass = methodStart < 0 ? coroutine.getClass().getName()
                : packagePrefix + function.substring(0, methodStart).replace('.', '$');
        return new StackTraceElement(declaringClass, function.substring(methodStart + 1), null, -1);
    }

    /** {@link Task#printStack(int, PrintStream)}: a line naming the task, its frames, and a failed task's exception last. */
    static void printTaskStack(Task<?> task, List<StackTraceElement> stack, boolean failedTask, PrintStream out) {
        String heading = stack.isEmpty() ? "No stack for " + task
                : (failedTask ? "Traceback for " : "Stack for ") + task + " (most recent call first):";
        StringBuilder text = new StringBuilder(heading).append(System.lineSeparator());
        for (StackTraceElement element : stack) {
            text.append("\tat ").append(element).append(System.lineSeparator());
        }
        if (failedTask) {
            text.append(task.exceptionNow()).append(System.lineSeparator());
        }
        out.print(text);
        out.flush();
    }
}
