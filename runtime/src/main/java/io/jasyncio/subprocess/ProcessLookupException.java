// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

/**
 * A signal was sent through a subprocess transport that is done with its child (the child exited and
 * every pipe closed), Python's {@code ProcessLookupError}.
 */
public class ProcessLookupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public ProcessLookupException(String message) {
        super(message);
    }
}
