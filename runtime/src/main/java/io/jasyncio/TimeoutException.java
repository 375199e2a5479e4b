// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

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

    /** A timeout caused by {@code cause}, Python's {@code raise TimeoutError from cause}. */
    static TimeoutException causedBy(Throwable cause) {
        TimeoutException timeout = new TimeoutException();
        timeout.initCause(cause);
        return timeout;
    }
}
