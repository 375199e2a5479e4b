// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

/**
 * The stream ended before a read could complete, asyncio's {@code IncompleteReadError} (an
 * {@code EOFError}): it carries the bytes that were read, which are no longer in the reader.
 *
 * <p>Unchecked, unlike {@link java.io.EOFException}, so that code can catch it around an
 * {@code await}, which declares no checked exception.
 */
public class IncompleteReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The bytes read before the end of the stream. */
    private final byte[] partial;

    /** How many bytes were expected, or {@code null} when the read looked for a separator. */
    private final Integer expected;

    /** The stream ended after {@code partial} when {@code expected} bytes were wanted ({@code null}: a separator was). */
    public IncompleteReadException(byte[] partial, Integer expected) {
        super(expected == null
                ? "the stream ended after " + partial.length + " bytes, before the separator"
                : partial.length + " bytes read on a total of " + expected + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream, asyncio's {@code partial}; a copy. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected, asyncio's {@code expected}; {@code null} when a separator was. */
    public Integer expected() {
        return expected;
    }
}
