// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks of one loop, held weakly, asyncio's {@code _all_tasks} {@code WeakSet}: the registry
 * behind {@code allTasks()}. As in asyncio, a pending task that nothing else references can be
 * garbage-collected; keep a reference to a task you start and forget. Loop thread only.
 *
 * <p>Adding costs one weak reference. Entries of tasks that finished or were collected are swept out
 * when the list has doubled since the last sweep, so the list stays within twice the number of tasks
 * alive and the sweeps cost a constant amount per task.
 */
final class TaskRegistry {
    /** The smallest size at which a sweep runs. */
    private static final int FIRST_SWEEP = 64;

    /** Every task registered since the last sweep, and the pending ones from before it, in creation order. */
    private final ArrayList<WeakReference<Task<?>>> tasks = new ArrayList<>();

    /** The size at which the next {@link #add} sweeps. */
    private int sweepAt = FIRST_SWEEP;

    /** Registers a new task. */
    void add(Task<?> task) {
        if (tasks.size() >= sweepAt) {
            tasks.removeIf(reference -> {
                Task<?> registered = reference.get();
                return registered == null || registered.done();
            });
            sweepAt = Math.max(FIRST_SWEEP, 2 * tasks.size());
        }
        tasks.add(new WeakReference<>(task));
    }

    /** The registered tasks that are not done, in creation order. */
    Set<Task<?>> pending() {
        Set<Task<?>> pending = new LinkedHashSet<>();
        for (WeakReference<Task<?>> reference : tasks) {
            Task<?> task = reference.get();
            if (task != null && !task.done()) {
                pending.add(task);
            }
        }
        return pending;
    }
}
