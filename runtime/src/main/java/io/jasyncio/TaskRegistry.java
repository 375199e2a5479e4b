// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The registry behind {@code allTasks()}, asyncio's {@code _all_tasks} {@code WeakSet}, kept without
 * a weak reference per task. A pending task is in one of three places: the ready queue (its step
 * is scheduled, or it is running), the timer queue (it sleeps), or the callbacks of a future it
 * waits on. The loop holds the first two strongly, as asyncio's handles do; only a task waiting on a
 * future may be unreachable, and only such a task is registered here, weakly, the first time it
 * waits. As in asyncio, a pending task that nothing references can then be garbage-collected: keep
 * a reference to a task you start and forget. Loop thread only.
 *
 * <p>The weak reference is the task's {@link TaskExtras}, made once per task that ever waits on a future. Entries of tasks that
 * finished or were collected are swept out when the list has doubled since the last sweep, so the
 * list stays within twice the number of tasks registered and alive.
 */
final class TaskRegistry {
    /** The smallest size at which a sweep runs. */
    private static final int FIRST_SWEEP = 64;

    /**
     * How many awaited coroutines run inline, one inside the other, on the loop thread's Java stack
     * now (eager first steps included), up to {@link WovenCodeSupport#MAX_INLINE_DEPTH}.
     */
    int inlineDepth;

    private final EventLoop loop;

    /**
     * Where the garbage collector puts the weak watch of a task that waited on a future and was
     * collected before it ended, for asyncio's "Task was destroyed but it is pending!".
     */
    final ReferenceQueue<Task<?>> destroyedTasks = new ReferenceQueue<>();

    /**
     * The tasks whose steps are interrupted by the eager first step of a task they create, innermost
     * first: running, so in no queue, yet pending, for {@code allTasks()}.
     */
    private final ArrayDeque<Task<?>> eagerCreators = new ArrayDeque<>();

    /** The tasks registered since the last sweep, and the pending ones from before it. */
    private final ArrayList<TaskExtras> waitingTasks = new ArrayList<>();

    /** The size at which the next {@link #watch} sweeps. */
    private int sweepAt = FIRST_SWEEP;

    /** Numbers the loop's named tasks in creation order. */
    private long namedTaskCount;

    TaskRegistry(EventLoop loop) {
        this.loop = loop;
    }

    /** The number of a new named task of the loop, which orders it among the named tasks made since the last unnamed one. */
    long nextNamedTaskNumber() {
        return ++namedTaskCount;
    }

    /** Registers a task that waits on a future for the first time, by its weak reference. */
    void watch(TaskExtras task) {
        if (waitingTasks.size() >= sweepAt) {
            waitingTasks.removeIf(reference -> {
                Task<?> registered = reference.get();
                return registered == null || registered.done();
            });
            sweepAt = Math.max(FIRST_SWEEP, 2 * waitingTasks.size());
        }
        waitingTasks.add(task);
    }

    /**
     * The pending tasks, in creation order: those that {@code heldByLoop} reports (the ready and timer
     * queues' tasks, the running one) and the registered ones still alive.
     */
    Set<Task<?>> pending(Consumer<Consumer<Object>> heldByLoop) {
        Map<Task<?>, Boolean> found = new IdentityHashMap<>();
        Consumer<Object> collect = entry -> {
            if (entry instanceof Task<?> task && !task.done()) {
                found.put(task, Boolean.TRUE);
            }
        };
        heldByLoop.accept(collect);
        eagerCreators.forEach(collect);
        for (TaskExtras reference : waitingTasks) {
            collect.accept(reference.get());
        }
        ArrayList<Task<?>> tasks = new ArrayList<>(found.keySet());
        tasks.sort(TaskRegistry::compareCreation);
        return new LinkedHashSet<>(tasks);
    }

    /**
     * Orders two tasks of the loop by creation: by number, a named task after the unnamed one whose
     * number it took (numbers are global and taken in order, and a loop's tasks are made one after
     * another), then named tasks by their count in the loop.
     */
    private static int compareCreation(Task<?> one, Task<?> other) {
        int byNumber = Long.compare(one.number, other.number);
        return byNumber != 0 ? byNumber : Long.compare(one.namedTaskNumber(), other.namedTaskNumber());
    }

    /**
     * Runs the first step of a new task inside {@code createTask}, as 3.12's eager tasks do: the task
     * is the current task for the step, and the creator's task is current again afterwards.
     */
    void runEagerly(Task<?> task) {
        Task<?> creator = loop.currentTask;
        loop.currentTask = null;
        if (creator != null) {
            eagerCreators.push(creator);
        }
        try {
            loop.runReadyEntry(task);
        } finally {
            if (creator != null) {
                eagerCreators.pop();
            }
            loop.currentTask = creator;
        }
    }

    /**
     * Reports each task that the collector found unreachable while it was still pending, as asyncio's
     * {@code Task.__del__} does, through the loop's exception handler: {@code first}, just polled
     * from {@code destroyedTasks}, and those queued behind it. The task itself is gone, so the
     * context's {@code task} is its description.
     */
    static void reportDestroyed(Reference<? extends Task<?>> first, ReferenceQueue<Task<?>> destroyedTasks, EventLoop loop) {
        for (Reference<? extends Task<?>> destroyed = first; destroyed != null; destroyed = destroyedTasks.poll()) {
            if (!((TaskExtras) destroyed).reportIfDestroyed) {
                continue;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Task was destroyed but it is pending!");
            context.put("task", ((TaskExtras) destroyed).describeDestroyedTask());
            loop.callExceptionHandler(context);
        }
    }
}
