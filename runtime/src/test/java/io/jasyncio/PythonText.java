// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Python's {@code str()}, {@code repr()} and {@code print()} for the values that conformance
 * programs print, so that a port prints the same text as CPython's {@code .out} file.
 *
 * <p>An exception's repr is its simple class name and message, {@code KeyError('k')}: ports name
 * their exception classes after Python's.
 */
final class PythonText {
    private PythonText() {
    }

    /** The line that {@code print(*values)} writes, without its newline. */
    static String print(Object... values) {
        return Stream.of(values).map(PythonText::str).collect(Collectors.joining(" "));
    }

    /**
     * {@code str(value)}: a string as it is, anything else as its repr. That is Python's rule for
     * None, booleans, numbers and lists, but not for exceptions, whose str depends on their class:
     * print {@code repr(e)} instead.
     */
    static String str(Object value) {
        if (value instanceof Throwable) {
            throw new IllegalArgumentException("str() of an exception depends on its class; print repr(e): " + value);
        }
        return value instanceof String text ? text : repr(value);
    }

    /** {@code repr(value)} for None, booleans, numbers, strings without quotes or backslashes, lists and exceptions. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        if (value instanceof String text && text.chars().noneMatch(c -> c == '\'' || c == '"' || c == '\\')) {
            return "'" + text + "'"; // Python switches quotes or escapes otherwise, which no port needs yet
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonText::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Throwable failure) {
            String message = failure.getMessage();
            return failure.getClass().getSimpleName() + "(" + (message == null ? "" : repr(message)) + ")";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value.toString();
        }
        throw new IllegalArgumentException("no Python repr for " + value.getClass().getName() + ": " + value);
    }
}
