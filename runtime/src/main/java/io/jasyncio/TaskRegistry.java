// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
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

    /** The tasks registered since the last sweep, and the pending ones from before it. */
    private final ArrayList<TaskExtras> waitingTasks = new ArrayList<>();

    /** The size at which the next {@link #watch} sweeps. */
    private int sweepAt = FIRST_SWEEP;

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
        for (TaskExtras reference : waitingTasks) {
            collect.accept(reference.get());
        }
        ArrayList<Task<?>> tasks = new ArrayList<>(found.keySet());
        tasks.sort(Comparator.comparingLong(task -> task.creationNumber));
        return new LinkedHashSet<>(tasks);
    }
}
