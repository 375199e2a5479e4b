// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

/**
 * Python's {@code ValueError}, for ports that raise it and print its type name: the simple class
 * name is the Python name, and {@code e.args} is the message alone.
 */
public class ValueError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code ValueError(message)}. */
    public ValueError(String message) {
        super(message);
    }
}
