// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;
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
}
