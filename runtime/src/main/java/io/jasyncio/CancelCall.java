// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.List;

/**
 * Where {@code cancel()} of a task was called: the cause of the {@link CancelledError} that the task
 * then sees at its {@code await}, whose own trace is the task's chain of awaits. Its message names the
 * task that called {@code cancel()} and the line; its trace is the caller's stack.
 */
final class CancelCall extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the message says: which task was cancelled and by which task, if any. */
    private final String description;

    /** Notes the current stack, from the caller of {@code cancelled.cancel()} down. */
    CancelCall(Task<?> cancelled) {
        List<StackTraceElement> trace = List.of(getStackTrace());
        int caller = 0;
        while (caller < trace.size() && isCancelMachinery(trace.get(caller).getClassName())) {
            caller++;
        }
        setStackTrace(StackTraces.clean(trace.subList(caller, trace.size())));
        Task<?> canceller = cancelled.loop.currentTask();
        description = "cancel() of " + cancelled.getName() + " called"
                + (canceller == null ? " outside any task" : " in task " + canceller.getName());
    }

    @Override
    public String getMessage() {
        StackTraceElement[] trace = getStackTrace();
        return trace.length == 0 ? description : description + " at " + trace[0];
    }

    private static boolean isCancelMachinery(String className) {
        return className.equals(CancelCall.class.getName()) || className.equals(TaskExtras.class.getName())
                || className.equals(Task.class.getName()) || className.equals(Future.class.getName())
                || className.equals(CancelChain.class.getName());
    }
}
