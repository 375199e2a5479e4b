// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

/**
 * Python's {@code KeyError}, for ports that raise it and print its repr: the simple class name is the
 * Python name, and {@code e.args} is the message alone.
 */
public class KeyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code KeyError(message)}. */
    public KeyError(String message) {
        super(message);
    }
}
