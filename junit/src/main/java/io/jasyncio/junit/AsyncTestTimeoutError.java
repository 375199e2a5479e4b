// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

/**
 * The failure of an async test that ran longer than its timeout in loop time. Its stack trace is
 * where the test's coroutine waited at that moment, innermost first; its cause is the
 * {@code CancelledError} with which the cancelled coroutine ended, if it did.
 */
public final class AsyncTestTimeoutError extends AssertionError {
    private static final long serialVersionUID = 1L;

    AsyncTestTimeoutError(String message, StackTraceElement[] whereItWaited) {
        super(message);
        setStackTrace(whereItWaited);
    }
}
