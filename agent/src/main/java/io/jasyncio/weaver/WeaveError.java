// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

/**
 * One method that cannot be woven: where it is and why.
 *
 * @param className the class, in binary form ({@code com.example.Owner})
 * @param sourceFile the source file name from the class file, or {@code null} if it has none
 * @param methodName the method's name
 * @param line the source line of the offending code, or {@code -1} if the class file has no line numbers
 * @param message what is wrong and how to fix it
 */
public record WeaveError(String className, String sourceFile, String methodName, int line, String message) {
    /** The error as a compiler writes it: {@code Owner.java:12: message (in com.example.Owner.method)}. */
    @Override
    public String toString() {
        String file = sourceFile != null ? sourceFile : className;
        return file + ":" + (line >= 0 ? line : "?") + ": " + message + " (in " + className + "." + methodName + ")";
    }
}
