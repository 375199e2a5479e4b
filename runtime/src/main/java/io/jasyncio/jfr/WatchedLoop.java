// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

/**
 * A running event loop as the slow-callback watchdog sees it from its own thread. The runtime
 * implements it for each loop; its values may be a few microseconds stale, which the watchdog, which
 * looks every few milliseconds, tolerates. Thread-safe. Not API.
 */
public interface WatchedLoop {
    /** The thread running the loop, or {@code null} while it does not run. */
    Thread thread();

    /**
     * The loop's phase counter: odd while the loop waits for events (in its selector or parked), even
     * while it runs callbacks; it changes each time the loop starts or stops waiting.
     */
    int phase();

    /**
     * What the loop is running now (a callback's handle, a task, ...), to compare by identity, or
     * {@code null} between callbacks.
     */
    Object runningEntry();

    /** The name of the task whose step {@code entry} is, or {@code null} if it is a plain callback. */
    String taskName(Object entry);

    /** {@code entry} described as debug mode's slow-callback warning names it. */
    String describe(Object entry);

    /** {@code stack}, sampled on the loop's thread, as the runtime cleans traces: each user frame once. */
    StackTraceElement[] clean(StackTraceElement[] stack);
}
