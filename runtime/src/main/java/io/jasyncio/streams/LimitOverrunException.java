// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

/**
 * A separator was not found within the reader's limit, asyncio's {@code LimitOverrunError}. The data
 * stays in the reader: {@link #consumed()} bytes of it can be dropped (or read with
 * {@link StreamReader#readexactly}) before looking again.
 *
 * <p>Unchecked, so that code can catch it around an {@code await}, which declares no checked
 * exception.
 */
public class LimitOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many bytes to consume before looking for the separator again. */
    private final int consumed;

    /** A separator was not found within the limit; {@code consumed} bytes may be dropped. */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes to consume before looking for the separator again, asyncio's {@code consumed}. */
    public int consumed() {
        return consumed;
    }
}
