// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.jfr.SlowCallbackEvent;
import io.jasyncio.jfr.WatchedLoop;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * What one loop is doing, read from the {@link SlowCallbackEvent} watchdog's thread: the fields the
 * loop writes anyway (its phase counter, its current task, the owner of its thread's context), read
 * without synchronisation. The watchdog looks every few milliseconds, so a value that reaches it a
 * little late costs nothing, and a reference or an {@code int} is never torn. Holds the loop weakly.
 */
final class LoopActivity implements WatchedLoop {
    private final WeakReference<EventLoop> loop;

    LoopActivity(EventLoop loop) {
        this.loop = new WeakReference<>(loop);
    }

    @Override
    public Thread thread() {
        EventLoop watched = loop.get();
        return watched == null ? null : watched.runningThread();
    }

    @Override
    public int phase() {
        EventLoop watched = loop.get();
        return watched == null ? 0 : watched.phase;
    }

    /** The task whose step runs, else the handle or gather whose callback runs: what owns the thread's context. */
    @Override
    public Object runningEntry() {
        EventLoop watched = loop.get();
        if (watched == null) {
            return null;
        }
        Task<?> task = watched.currentTask;
        if (task != null) {
            return task;
        }
        CurrentContext current = watched.threadContext;
        return current == null ? null : current.owner;
    }

    @Override
    public String taskName(Object entry) {
        return entry instanceof Task<?> task ? task.getName() : null;
    }

    /** As debug mode's warning; a handle's callback's {@code toString} that fails is named by its class instead. */
    @Override
    public String describe(Object entry) {
        try {
            return entry instanceof Future<?> future ? future.describeTurn() : String.valueOf(entry);
        } catch (RuntimeException failure) {
            return entry.getClass().getName() + " (its description failed: " + failure + ")";
        }
    }

    @Override
    public StackTraceElement[] clean(StackTraceElement[] stack) {
        return StackTraces.clean(List.of(stack));
    }
}
