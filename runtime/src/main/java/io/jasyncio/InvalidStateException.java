// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * asyncio's {@code InvalidStateError}: an operation that the state of a {@link Future} does not
 * allow, such as reading the result of a pending future or setting the result of a done one.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An invalid-state error with the given message. */
    public InvalidStateException(String message) {
        super(message);
    }
}
