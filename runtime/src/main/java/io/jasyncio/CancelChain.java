// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passes a cancellation down a chain of tasks each awaiting the next, as asyncio's {@code Task.cancel}
 * does by calling {@code cancel} on the task it waits for, but with a loop instead of recursion, so
 * that the depth of the chain is bounded by the heap, not by the thread's stack.
 *
 * <p>Every task reached counts one more cancellation request, exactly as the recursive calls would
 * count it. The chain ends at a task that is done (the one before it then throws at its next step),
 * at a task that waits on something other than a task, or sleeps, or is about to run (cancelled as
 * {@code cancel} cancels it), or at a task already on the path: the awaits form a cycle, where
 * CPython recurses until {@code RecursionError}. The task that closes the cycle gets
 * {@link CancelledError} at once, at its await of a task that is itself being cancelled; it ends,
 * which wakes the task that awaits it with the cancellation, and so on around the cycle, so every
 * task in it ends. The tasks on the path are marked with a flag of their own while the cancellation
 * passes, so that finding a cycle costs one test a task.
 */
final class CancelChain {
    private CancelChain() {
    }

    /**
     * Goes on with the cancellation of {@code first}, already counted, whose awaited task is
     * {@code awaited} ({@code null}: none, and nothing to do): counts and cancels each task down the chain.
     */
    static void passDown(Task<?> first, Task<?> awaited, String message) {
        if (awaited == null) {
            return;
        }
        first.setOnCancelPath(true);
        List<Task<?>> marked = new ArrayList<>();
        marked.add(first);
        Task<?> task = first;
        Task<?> next = awaited;
        try {
            while (next != null) {
                if (next.onCancelPath()) {
                    task.cancelOutOfCycle(message);
                    break;
                }
                if (!next.countCancelRequest()) {
                    task.mustCancel(message); // what Task.cancel does when the future it awaits is done
                    break;
                }
                next.setOnCancelPath(true);
                marked.add(next);
                task = next;
                next = task.cancelAwaited(message);
            }
        } finally {
            for (Task<?> onPath : marked) {
                onPath.setOnCancelPath(false);
            }
        }
    }

    /**
     * Cancels each of {@code tasks}, as calling {@code cancel()} on each would, but in time linear in
     * their number however they await each other: the runner's shutdown, asyncio's
     * {@code _cancel_all_tasks}. Each task counts one request; one that awaits another of the tasks
     * leaves the cancellation of what it awaits to that task's own request, instead of passing it
     * down the whole chain again (so it counts one request where {@code cancel()} after
     * {@code cancel()} would count one for each task above it). A cycle among the tasks is broken as
     * {@link #passDown} breaks it.
     */
    static void cancelEvery(Collection<Task<?>> tasks) {
        Set<Task<?>> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.addAll(tasks);
        breakCycles(tasks, members);
        for (Task<?> task : tasks) {
            if (!task.countCancelRequest()) {
                continue;
            }
            Task<?> awaited = task.awaitedTask();
            if (awaited != null && !awaited.done() && members.contains(awaited)) {
                continue; // its own request reaches what it waits on
            }
            passDown(task, task.cancelAwaited(null), null);
        }
    }

    /**
     * Finds each cycle of awaits among the pending {@code members} (each task awaits at most one, so
     * following the links from each task once finds them all) and throws {@link CancelledError} into
     * the task that closes it.
     */
    private static void breakCycles(Collection<Task<?>> tasks, Set<Task<?>> members) {
        Map<Task<?>, Integer> walkOf = new IdentityHashMap<>();
        int walk = 0;
        for (Task<?> start : tasks) {
            walk++;
            Task<?> previous = null;
            for (Task<?> task = start; task != null && !task.done() && members.contains(task); task = task.awaitedTask()) {
                Integer seen = walkOf.putIfAbsent(task, walk);
                if (seen != null) {
                    if (seen == walk) {
                        previous.cancelOutOfCycle(null); // previous awaits task, met earlier on this walk
                    }
                    break;
                }
                previous = task;
            }
        }
    }
}
