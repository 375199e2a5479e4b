// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What a task keeps aside, made the first time it is needed, since most tasks never need it: its
 * cancellation requests, its given name, its context if not the empty one, and the loop's weak watch
 * over it once it waits on a future.
 *
 * <p>A task that waits on a future is the one kind of pending task that the loop does not hold (see
 * {@link TaskRegistry}), so it may be garbage-collected before it ends, as in asyncio. This object
 * is then the weak reference that the loop's {@code allTasks()} reads and that tells the loop, through
 * its reference queue, that the task was destroyed while pending: asyncio's "Task was destroyed but
 * it is pending!". It keeps what that report names, since the task is gone when it is made. A task
 * that ends clears the reference, so that a finished task is never reported.
 */
final class TaskExtras extends WeakReference<Task<?>> {
    /** How many cancellation requests are pending, asyncio's {@code cancelling()}. */
    int cancelCount;

    /** The message of the pending cancellation, the one the next step delivers. */
    String cancelMessage;

    /** Whether the loop's registry holds this reference, which it does from the task's first wait on a future. */
    boolean watched;

    /**
     * Whether the loop reports the task if it is collected while pending; {@code false} for a task
     * that {@code gather} made from a coroutine, as asyncio's {@code _log_destroy_pending}.
     */
    boolean reportIfDestroyed = true;

    /**
     * The context the task runs every step in when it was given one ({@code createTask(coro, name,
     * context)}, a {@link Runner}'s runs), instead of the copy it keeps itself; {@code null} for most.
     */
    Context givenContext;

    /** For a named task, how many named tasks its loop had made, it included: see {@code Task.number}; 0 for others. */
    long namedTaskNumber;

    /** The name given to the task, kept up to date by {@link Task#setName}; {@code null} for {@code Task-N}. */
    String givenName;

    /** The context the task's steps run in, when it is not the empty one: see {@code Task.context()}. */
    ContextMap context = ContextMap.EMPTY;

    /**
     * Where the first pending {@code cancel()} was called, the cause of the {@link CancelledError} that
     * it delivers; {@code null} if none is pending.
     */
    private CancelCall cancelOrigin;

    /** The N of the task's default name. */
    private final long number;

    /** The function name of the task's coroutine, for the report. */
    private final String coroutineName;

    TaskExtras(Task<?> task, ReferenceQueue<Task<?>> destroyedTasks, long number) {
        super(task, destroyedTasks);
        this.number = number;
        coroutineName = task.getCoro().functionName();
    }

    /** Notes where {@code cancel()} of {@code task} is being called, unless an earlier call is still pending. */
    void noteCancelCall(Task<?> task) {
        if (cancelOrigin == null) {
            cancelOrigin = new CancelCall(task);
        }
    }

    /** Where the pending {@code cancel()} was called, or {@code null}; the next one is noted afresh. */
    CancelCall takeCancelOrigin() {
        CancelCall origin = cancelOrigin;
        cancelOrigin = null;
        return origin;
    }

    /** The task as the report names it, as {@code Task.toString()} would have while it was pending. */
    String describeDestroyedTask() {
        return "Task[pending name=" + (givenName != null ? givenName : "Task-" + number) + " coro=" + coroutineName + "]";
    }
}
