// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.graph;

import java.util.Objects;

/**
 * One entry of a call stack in a {@link FutureCallGraph}, asyncio 3.14's {@code FrameCallGraphEntry}:
 * a method with its source file and line, and whether it is a coroutine (an {@code @Async} method or
 * async lambda, which Python marks {@code async}) or a plain method that a coroutine called.
 *
 * @param frame the class, method, file and line, as a stack trace shows them
 * @param coroutine whether the frame is a coroutine's
 */
public record FrameCallGraphEntry(StackTraceElement frame, boolean coroutine) {
    /** Checks that the frame is present. */
    public FrameCallGraphEntry {
        Objects.requireNonNull(frame, "frame");
    }

    /** The method as Python's {@code co_qualname} names it: the simple class name (nested ones joined by dots) and the method. */
    public String qualifiedName() {
        String className = frame.getClassName();
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.') + "." + frame.getMethodName();
    }

    /** {@code File.java:LINE}, or what of it is known. */
    public String location() {
        String file = frame.getFileName() == null ? "Unknown Source" : frame.getFileName();
        return frame.getLineNumber() < 0 ? file : file + ":" + frame.getLineNumber();
    }
}
