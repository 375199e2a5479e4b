// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * The current context of one thread, which code running there reads and replaces: Python's
 * {@code PyThreadState.context}, split into the values that {@link ContextVar#get} reads and the
 * object they belong to.
 */
final class CurrentContext {
    private static final ThreadLocal<CurrentContext> OF_THREAD = ThreadLocal.withInitial(CurrentContext::new);

    /** The values that code running in this thread sees. */
    ContextMap context = ContextMap.EMPTY;

    /**
     * What the current values belong to, where Python has one mutable context object: the task whose
     * step or the handle whose callback the loop is running, the {@link Context} entered by
     * {@link Context#run}, {@code null} outside them. Tokens remember it; an entered {@link Context}
     * is also told each change, so that it reads as Python's while it is entered.
     */
    Object owner;

    private CurrentContext() {
    }

    /** The identity of the current context, for tokens: its owner, else this thread's own context. */
    Object identity() {
        return owner != null ? owner : this;
    }

    /** Replaces the current values by {@code changed}, the result of a {@code set} or {@code reset}. */
    void change(ContextMap changed) {
        context = changed;
        if (owner instanceof Context entered) {
            entered.changed(changed);
        }
    }

    /** The holder of this thread's current context; the loop caches it while it runs. */
    static CurrentContext ofThisThread() {
        return OF_THREAD.get();
    }

    /** This thread's current values. */
    static ContextMap map() {
        return OF_THREAD.get().context;
    }
}
