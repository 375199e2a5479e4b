// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

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
 * passes, so the walk allocates nothing.
 */
final class CancelChain {
    private CancelChain() {
    }

    /**
     * Goes on with the cancellation of {@code first}, already counted, whose awaited task is
     * {@code awaited}: counts and cancels each task down the chain.
     */
    static void passDown(Task<?> first, Task<?> awaited, String message) {
        first.setOnCancelPath(true);
        int marked = 1;
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
                marked++;
                task = next;
                next = task.cancelAwaited(message);
            }
        } finally {
            // The chain still links the marked tasks: only the last one's link may have been cut.
            Task<?> marking = first;
            for (int i = 0; i < marked; i++) {
                marking.setOnCancelPath(false);
                marking = marking.awaitedTask();
            }
        }
    }
}
