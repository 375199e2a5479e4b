// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.FrameClasses;
import io.jasyncio.internal.WovenCode;
import java.security.CodeSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps stack traces readable across resumes, the one place where the runtime edits them.
 *
 * <p>A task resumes the innermost coroutine of a chain of awaits directly, so when that coroutine
 * throws, the coroutines awaiting it are not on the Java stack. As Python adds each frame an
 * exception passes through to its traceback, the awaiter's frames are appended to the exception's
 * trace when it reaches the awaiter's {@code await}. Each time an exception crosses the runtime this
 * way, its trace is also cleaned: the frame classes' {@code resume()} lines and the runtime's frames
 * between the user's frames are left out, so that each user frame shows once, in await order. The
 * frames above the first user frame (where the runtime threw) and below the outermost coroutine
 * (the loop that ran the task) stay. {@code -Djasyncio.rawStackTraces=true} keeps every frame, for
 * debugging the runtime itself.
 */
final class StackTraces {
    /** Whether traces are left as the JVM wrote them. */
    private static final boolean RAW = Boolean.getBoolean("jasyncio.rawStackTraces");

    /** The runtime's own frames above the awaiter's {@code await}, left out of the trace. */
    private static final Set<String> DELIVERY_CLASSES = Set.of(StackTraces.class.getName(), Task.class.getName(),
            WovenCodeSupport.class.getName(), WovenCode.class.getName());

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Whether a class named {@code io.jasyncio...} belongs to the runtime, by name, found once each. */
    private static final Map<String, Boolean> RUNTIME_CLASSES = new ConcurrentHashMap<>();

    private static final CodeSource RUNTIME_CODE = Coroutine.class.getProtectionDomain().getCodeSource();

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
        trace.addAll(currentStack(MAX_FRAMES - resumedAt));
        failure.setStackTrace(clean(trace));
    }

    /**
     * Makes {@code cancellation}, about to be thrown at the {@code await} being resumed, look thrown
     * there: its trace becomes the current stack from that {@code await} down (not the stack of
     * whoever called {@code cancel()}), and {@code origin}, if known, becomes its cause, which names
     * where {@code cancel()} was called. An error that has a cause keeps it.
     */
    static void raiseAtAwait(Throwable cancellation, Throwable origin) {
        cancellation.setStackTrace(clean(currentStack(MAX_FRAMES)));
        if (origin != null && cancellation.getCause() == null) {
            try {
                cancellation.initCause(origin);
            } catch (IllegalStateException causeSetToNull) {
                // constructed with an explicit null cause: nothing to add
            }
        }
    }

    /** Cleans the trace of {@code failure} as it crosses the runtime (see the class comment). */
    static void clean(Throwable failure) {
        if (!RAW) {
            failure.setStackTrace(clean(List.of(failure.getStackTrace())));
        }
    }

    /** {@code trace} without resume frames and without the runtime's frames between user frames. */
    static StackTraceElement[] clean(List<StackTraceElement> trace) {
        if (RAW) {
            return trace.toArray(new StackTraceElement[0]);
        }
        int firstUserFrame = -1;
        int lastResumeFrame = -1;
        for (int index = 0; index < trace.size(); index++) {
            String className = trace.get(index).getClassName();
            if (FrameClasses.isFrameClassName(className)) {
                lastResumeFrame = index;
            } else if (firstUserFrame < 0 && !isRuntimeClass(className)) {
                firstUserFrame = index;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>(trace.size());
        for (int index = 0; index < trace.size(); index++) {
            String className = trace.get(index).getClassName();
            boolean betweenUserFrames = firstUserFrame >= 0 && index > firstUserFrame && index < lastResumeFrame;
            if (!FrameClasses.isFrameClassName(className) && !(betweenUserFrames && isRuntimeClass(className))) {
                kept.add(trace.get(index));
            }
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    /** The first frame of {@code trace} that is not the runtime's, or {@code null}. */
    static StackTraceElement firstUserFrame(StackTraceElement[] trace) {
        for (StackTraceElement element : trace) {
            if (!isRuntimeClass(element.getClassName()) && !FrameClasses.isFrameClassName(element.getClassName())) {
                return element;
            }
        }
        return null;
    }

    /** Whether {@code className} is a class of the runtime itself (not the user's, nor a frame class). */
    static boolean isRuntimeClass(String className) {
        return className.startsWith("io.jasyncio.")
                && RUNTIME_CLASSES.computeIfAbsent(className, StackTraces::isLoadedFromRuntime);
    }

    private static boolean isLoadedFromRuntime(String className) {
        try {
            Class<?> type = Class.forName(className, false, Coroutine.class.getClassLoader());
            CodeSource code = type.getProtectionDomain().getCodeSource();
            return !FrameClasses.isFrameClass(type) && Objects.equals(
                    code == null ? null : code.getLocation(), RUNTIME_CODE == null ? null : RUNTIME_CODE.getLocation());
        } catch (ClassNotFoundException | LinkageError notTheRuntimes) {
            return false;
        }
    }

    /** The current stack from the caller of the runtime's delivery code down, at most {@code limit} frames. */
    private static List<StackTraceElement> currentStack(int limit) {
        // A plain loop, not a stream pipeline: this runs at a program's first cancellation, where a
        // cold JVM would otherwise load and link some forty stream classes (tens of milliseconds).
        return WALKER.walk(frames -> {
            List<StackTraceElement> stack = new ArrayList<>();
            Iterator<StackWalker.StackFrame> walk = frames.iterator();
            boolean delivering = true;
            while (walk.hasNext() && stack.size() < limit) {
                StackWalker.StackFrame frame = walk.next();
                delivering = delivering && DELIVERY_CLASSES.contains(frame.getClassName());
                if (!delivering) {
                    stack.add(frame.toStackTraceElement());
                }
            }
            return stack;
        });
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
        List<StackTraceElement> running = WALKER.walk(frames -> frames
                .dropWhile(frame -> frame.getClassName().equals(StackTraces.class.getName())
                        || frame.getClassName().equals(Task.class.getName()))
                .map(StackWalker.StackFrame::toStackTraceElement).toList());
        List<StackTraceElement> clean = List.of(clean(running));
        return clean.subList(0, Math.min(limit, clean.size()));
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
     * Where a suspended {@code coroutine} waits, as a stack frame: its function name ({@code Owner.method},
     * nested classes joined by dots) turned back into the declaring class and method, with the file and
     * line of the {@code await} it is suspended at, which the weaver's frame classes know.
     */
    static StackTraceElement frameOf(Coroutine<?> coroutine) {
        String function = coroutine.functionName();
        int methodStart = function.lastIndexOf('.');
        String packagePrefix = coroutine.getClass().getPackageName().isEmpty()
                ? "" : coroutine.getClass().getPackageName() + ".";
        String declaringClass = methodStart < 0 ? coroutine.getClass().getName()
                : packagePrefix + function.substring(0, methodStart).replace('.', '$');
        return new StackTraceElement(declaringClass, function.substring(methodStart + 1), coroutine.sourceFile(),
                coroutine.awaitLine());
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
