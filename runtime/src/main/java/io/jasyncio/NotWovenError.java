// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Thrown where code runs that the weaver never rewrote: an {@code await} in a method that was not
 * woven, or a method that the weaver refused. It names the method and its line and the three ways to
 * weave.
 *
 * <p>It extends {@link Error}, as {@link CancelledError} does, so that a {@code catch (Exception e)}
 * around the {@code await} cannot swallow it: an unwoven program fails at once instead of carrying on
 * without the results it awaited. Unlike Python, which cannot meet this case, Java compiles an
 * {@code await} that only works once woven.
 */
public class NotWovenError extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message}, which should name the method and say how to weave it; woven code
     * calls this constructor in the methods that the agent could not weave.
     */
    public NotWovenError(String message) {
        super(message);
    }
}
