// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.math.BigDecimal;

/**
 * asyncio's {@code TimeoutError}: a deadline of {@code waitFor}, {@code timeout} or
 * {@code asCompleted} passed before the awaited work finished.
 *
 * <p>It is unchecked on purpose. {@code await(x)} cannot declare what {@code x} throws, so javac
 * would refuse a {@code catch} of a checked exception around an {@code await} ("exception is never
 * thrown in body of corresponding try statement"); an unchecked one can be caught where Python
 * writes {@code except TimeoutError}. Where asyncio raises {@code TimeoutError from exc}, the
 * {@link CancelledError} that the deadline caused is the {@linkplain #getCause() cause}.
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without a message, as asyncio raises it. */
    public TimeoutException() {
        super();
    }

    /** A timeout with a message. */
    public TimeoutException(String message) {
        super(message);
    }

    /**
     * A timeout after {@code delaySeconds} caused by {@code cause}, Python's
     * {@code raise TimeoutError from cause}, whose message says what was pending: the delay and the
     * first user frame of the cancellation's trace, the await where the task was suspended, as
     * {@code timed out after 0.5 s in fetch (Client.java:42)}.
     */
    static TimeoutException causedBy(Throwable cause, double delaySeconds) {
        StackTraceElement pending = StackTraces.firstUserFrame(cause.getStackTrace());
        String delay = BigDecimal.valueOf(Math.round(Math.max(0, delaySeconds) * 1000) / 1000.0).stripTrailingZeros().toPlainString();
        TimeoutException timeout = new TimeoutException("timed out after " + delay + " s" + (pending == null ? ""
                : " in " + pending.getMethodName() + " (" + pending.getFileName() + ":" + pending.getLineNumber() + ")"));
        timeout.initCause(cause);
        return timeout;
    }
}
