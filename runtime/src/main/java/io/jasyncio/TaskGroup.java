// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Structured concurrency, asyncio 3.11's {@code TaskGroup}: tasks created in the group all end before
 * the group does.
 *
 * <p>Python's {@code async with asyncio.TaskGroup() as tg: body} is
 * {@code await(taskGroup(tg -> { body; return result(value); }))} (see
 * {@link Asyncio#taskGroup(Function)}): the group is a coroutine that runs the body inline in the
 * current task (the parent), then waits until every task of the group has ended. Tasks may be added
 * by the body and by the group's tasks for as long as the group runs.
 *
 * <p>The first task that fails cancels the other tasks and the parent, so that the body stops at its
 * current await too; the group waits for all of them to finish cleaning up, then throws an
 * {@link ExceptionGroup} ({@value #UNHANDLED_ERRORS}) with every failure, the body's included, in the
 * order they happened. A failure of the body alone does the same. A cancellation of the parent from
 * outside cancels the tasks and propagates as {@link CancelledError} once they have ended, unless a
 * task failed, whose errors then take priority. The group undoes its own cancellation of the parent
 * ({@link Task#uncancel()}), so an enclosing {@code timeout} still sees its own.
 *
 * <p>Loop thread only.
 */
public final class TaskGroup {
    /** The message of the {@link ExceptionGroup} a group throws. */
    static final String UNHANDLED_ERRORS = "unhandled errors in a TaskGroup";

    private final EventLoop loop;

    /** The task that runs the body. */
    private final Task<?> parentTask;

    /**
     * The tasks that have not ended. asyncio keeps a set, whose order (the order in which an abort
     * cancels them) is unspecified; creation order is one of its valid orders.
     */
    private final Set<Task<?>> tasks = new LinkedHashSet<>();

    /** Every failure of a task, in the order the tasks ended. */
    private final List<Throwable> errors = new ArrayList<>();

    /** A fatal error of a task or the body, rethrown as it is rather than grouped. */
    private Throwable baseError;

    /** Whether the body has ended and the group waits for its tasks. */
    private boolean exiting;

    /** Whether the group is cancelling its tasks; it then refuses new ones. */
    private boolean aborting;

    /** Whether the group cancelled the parent task because a task failed. */
    private boolean parentCancelRequested;

    /** What the exit awaits while tasks remain: finished when the last one ends. */
    private Future<Boolean> tasksEnded;

    private TaskGroup(Task<?> parentTask) {
        this.parentTask = parentTask;
        this.loop = parentTask.getLoop();
    }

    /**
     * Creates a task of the group that runs {@code coroutine}, asyncio's {@code create_task()};
     * {@link IllegalStateException} (Python's {@code RuntimeError}) once the group has finished or
     * while it is cancelling its tasks.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Like {@link #createTask(Coroutine)}, naming the task ({@code Task-N} if {@code null}). */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    /**
     * Like {@link #createTask(Coroutine, String)}, running every step of the task in {@code context}
     * (in a copy of the current one if {@code null}), asyncio's {@code create_task(coro, context=ctx)}.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coroutine, name, context);
        if (task.done()) {
            onTaskDone(task); // an eager task (3.12's factory) that ended in its first step, as 3.12 does
        } else {
            task.addDoneCallback(this::onTaskDone);
            tasks.add(task);
            AwaitedBy.add(task, parentTask); // as asyncio's TaskGroup: call graphs show the parent awaiting it
        }
        return task;
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        AwaitedBy.discard(task, parentTask);
        if (tasksEnded != null && tasks.isEmpty() && !tasksEnded.done()) {
            tasksEnded.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (Throwables.isFatal(failure) && baseError == null) {
            baseError = failure;
        }
        if (parentTask.done()) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Task " + task + " has errored out but its parent task " + parentTask
                    + " is already completed");
            context.put("exception", failure);
            context.put("task", task);
            loop.callExceptionHandler(context);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Stop the body too, wherever it waits; the exit undoes this cancellation of the parent.
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    /** Cancels every task that has not ended, and refuses new ones from now on. */
    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.done()) {
                task.cancel();
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TaskGroup[");
        if (!tasks.isEmpty()) {
            text.append("tasks=").append(tasks.size()).append(' ');
        }
        if (!errors.isEmpty()) {
            text.append("errors=").append(errors.size()).append(' ');
        }
        return text.append(aborting ? "cancelling" : "entered").append(']').toString();
    }

    /** The coroutine of {@code async with TaskGroup() as tg: body}. */
    static <T> Coroutine<T> block(Function<? super TaskGroup, ? extends Coroutine<? extends T>> body) {
        return new Block<>(Objects.requireNonNull(body, "body"));
    }

    /**
     * The coroutine that enters a new group in the current task, awaits the body inline, then runs
     * asyncio's {@code __aexit__}: waits for the tasks and decides what the block throws.
     */
    private static final class Block<T> extends HandWrittenCoroutine<T> {
        private static final int BODY_ENDED = 1;
        private static final int TASKS_ENDED = 2;

        private final Function<? super TaskGroup, ? extends Coroutine<? extends T>> body;
        private TaskGroup group;
        private T bodyValue;
        private Throwable bodyFailure;

        /** The cancellation to throw once the tasks have ended, unless errors take priority. */
        private CancelledError cancellation;

        Block(Function<? super TaskGroup, ? extends Coroutine<? extends T>> body) {
            this.body = body;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    group = new TaskGroup(EventLoop.getRunningLoop().currentTask());
                    Coroutine<? extends T> coroutine;
                    try {
                        coroutine = Objects.requireNonNull(body.apply(group), "the body returned null");
                    } catch (Throwable failure) {
                        bodyFailure = failure;
                        return exit();
                    }
                    return await(BODY_ENDED, coroutine);
                case BODY_ENDED:
                    try {
                        bodyValue = awaited();
                    } catch (Throwable failure) {
                        bodyFailure = failure;
                    }
                    return exit();
                case TASKS_ENDED:
                    try {
                        awaited();
                    } catch (CancelledError cancelled) {
                        if (!group.aborting) { // the parent is cancelled from outside while the tasks run
                            cancellation = cancelled;
                            group.abort();
                        }
                    }
                    group.tasksEnded = null;
                    return awaitTasks();
                default:
                    throw badLabel(label);
            }
        }

        /** asyncio's {@code __aexit__} up to the wait for the tasks. */
        private Object exit() {
            group.exiting = true;
            if (bodyFailure != null && Throwables.isFatal(bodyFailure) && group.baseError == null) {
                group.baseError = bodyFailure;
            }
            if (bodyFailure instanceof CancelledError cancelled) {
                cancellation = cancelled;
            }
            if (group.parentCancelRequested && group.parentTask.uncancel() == 0) {
                cancellation = null; // the only cancellation was the group's own
            }
            if (bodyFailure != null && !group.aborting) {
                group.abort();
            }
            return awaitTasks();
        }

        /** Waits until no task is left (again after each cancellation), then ends the block. */
        private Object awaitTasks() {
            if (!group.tasks.isEmpty()) {
                if (group.tasksEnded == null) {
                    group.tasksEnded = group.loop.createFuture();
                }
                return await(TASKS_ENDED, group.tasksEnded);
            }
            if (group.baseError != null) {
                throw Throwables.sneakyThrow(group.baseError);
            }
            if (cancellation != null && group.errors.isEmpty()) {
                throw cancellation;
            }
            if (bodyFailure != null && !(bodyFailure instanceof CancelledError)) {
                group.errors.add(bodyFailure);
            }
            if (!group.errors.isEmpty()) {
                throw new ExceptionGroup(UNHANDLED_ERRORS, group.errors); // "from None": no cause
            }
            return finish(bodyValue);
        }

        @Override
        protected String functionName() {
            return "Asyncio.taskGroup";
        }
    }
}
