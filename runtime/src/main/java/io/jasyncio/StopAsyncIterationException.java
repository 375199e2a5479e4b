// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Python's {@code StopAsyncIteration}: what awaiting {@link AsyncGenerator#anext()} or
 * {@link AsyncGenerator#asend} throws once the generator has ended. An async generator that throws it
 * itself fails with {@link IllegalStateException} instead ("async generator raised
 * StopAsyncIteration"), as Python turns it into {@code RuntimeError}.
 */
public final class StopAsyncIterationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The end of an async iteration. */
    public StopAsyncIterationException() {
        super(null, null, false, false);
    }
}
