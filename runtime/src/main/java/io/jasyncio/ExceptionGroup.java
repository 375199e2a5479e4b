// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.List;

/**
 * Several exceptions raised together, Python's {@code ExceptionGroup} (and
 * {@code BaseExceptionGroup}): what a {@link TaskGroup} throws when children or its body failed.
 *
 * <p>It keeps Python's name rather than a Java-style {@code ...Exception} because it is Python's
 * concept, and a user who knows asyncio looks it up under that name. It is unchecked for the same
 * reason as {@link TimeoutException}: javac refuses a {@code catch} of a checked exception around an
 * {@code await}. The group holds every exception in the order they happened, {@link Error}s included;
 * a group that failed inside another group is nested as one of its exceptions, as in Python.
 *
 * <p>{@link #getMessage()} is Python's {@code str(group)}, the message followed by the count
 * ({@code "unhandled errors in a TaskGroup (2 sub-exceptions)"}); {@link #message()} is the message
 * alone. Each exception of the group is also added as {@linkplain #getSuppressed() suppressed}, only so
 * that {@link #printStackTrace()} shows them all, as Python's traceback of a group does.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String message;

    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions} (at least one, none {@code null}) described by {@code message},
     * Python's {@code ExceptionGroup(message, exceptions)}.
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(describe(message, exceptions.size()));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        this.message = message;
        this.exceptions = List.copyOf(exceptions);
        this.exceptions.forEach(this::addSuppressed);
    }

    /** The message without the count of exceptions, Python's {@code group.message}. */
    public String message() {
        return message;
    }

    /** The exceptions of the group, in the order they happened, Python's {@code group.exceptions}. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    private static String describe(String message, int count) {
        return message + " (" + count + (count == 1 ? " sub-exception)" : " sub-exceptions)");
    }
}
