// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

/**
 * What an async test must not leave behind once its coroutine and its {@link AsyncAfterEach} methods
 * have ended; each is checked unless the test skips it ({@link AsyncTest#skipChecks()},
 * {@link TestOptions#skip}).
 */
public enum LeakCheck {
    /** Tasks still pending: listed with their names and where they wait, then cancelled. */
    PENDING_TASKS,
    /** Failed futures whose exception nobody retrieved, asyncio's "Task exception was never retrieved". */
    UNRETRIEVED_EXCEPTIONS,
    /** Errors that reached the loop's exception handler (a callback that threw, a task destroyed pending). */
    EXCEPTION_HANDLER,
    /** Callbacks scheduled and never run: still in the loop's ready queue. */
    READY_CALLBACKS,
    /** Channels still open on the loop: a server not closed, a connection not closed. */
    OPEN_CHANNELS
}
