// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

/**
 * Bytes that the weaver cannot read as a class file: truncated, corrupt, or of a class file version
 * newer than its ASM knows. Not a bug of the weaver; the JVM would refuse the bytes too.
 */
public final class UnreadableClassFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The failure of ASM's reader, {@code cause}, on the bytes. */
    UnreadableClassFileException(RuntimeException cause) {
        super("a truncated or corrupt class file, or one of a version the weaver cannot read (" + cause + ")", cause);
    }
}
