// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * asyncio's {@code CancelledError}: thrown at the {@code await} where a cancelled task is suspended.
 *
 * <p>It extends {@link Error}, as {@code ThreadDeath} does and as Python's {@code CancelledError}
 * extends {@code BaseException}, so that an ordinary {@code catch (Exception e)} does not swallow a
 * cancellation. Code that catches it to clean up should rethrow it.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message, as {@code task.cancel()} makes it. */
    public CancelledError() {
        super();
    }

    /** A cancellation carrying the message given to {@code cancel(msg)}; {@code null} for none. */
    public CancelledError(String message) {
        super(message);
    }
}
