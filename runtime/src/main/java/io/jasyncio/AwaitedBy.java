// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Who awaits a future, asyncio 3.14's {@code _asyncio_awaited_by}, found when asked rather than kept
 * as tasks run: a task suspended on a future, and a gather counting it, are in its done callbacks
 * already (a gather stands for the tasks that await the gather). Only what cannot be found that way
 * is recorded, by {@code futureAddToAwaitedBy}: the parent of a {@code TaskGroup}'s tasks, the task
 * of a {@code waitFor} that runs its coroutine in a task, and custom combinators. Thread-safe.
 */
final class AwaitedBy {
    /** The recorded waiters of each future, weakly keyed so that a forgotten future does not stay. */
    private static final Map<Future<?>, Set<Future<?>>> RECORDED = Collections.synchronizedMap(new WeakHashMap<>());

    private AwaitedBy() {
    }

    /** Records that {@code waiter} awaits {@code future}, asyncio's {@code future_add_to_awaited_by}. */
    static void add(Future<?> future, Future<?> waiter) {
        synchronized (RECORDED) {
            RECORDED.computeIfAbsent(future, key -> new LinkedHashSet<>()).add(waiter);
        }
    }

    /** Forgets that {@code waiter} awaits {@code future}, asyncio's {@code future_discard_from_awaited_by}. */
    static void discard(Future<?> future, Future<?> waiter) {
        synchronized (RECORDED) {
            Set<Future<?>> waiters = RECORDED.get(future);
            if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
                RECORDED.remove(future);
            }
        }
    }

    /** The futures and tasks that await {@code future}, in the order they started to; loop thread only. */
    static List<Future<?>> of(Future<?> future) {
        Set<Future<?>> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Future<?>> waiters = new ArrayList<>();
        collect(future, found, waiters);
        return waiters;
    }

    private static void collect(Future<?> future, Set<Future<?>> found, List<Future<?>> waiters) {
        future.forEachWaiter(waiter -> {
            if (waiter instanceof Gather<?>) {
                collect(waiter, found, waiters); // as asyncio's gather records the task that gathers
            } else if (found.add(waiter)) {
                waiters.add(waiter);
            }
        });
        List<Future<?>> recorded;
        synchronized (RECORDED) {
            recorded = new ArrayList<>(RECORDED.getOrDefault(future, Set.of()));
        }
        for (Future<?> waiter : recorded) {
            if (found.add(waiter)) {
                waiters.add(waiter);
            }
        }
    }
}
