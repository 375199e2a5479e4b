// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Python's {@code GeneratorExit}: what {@link AsyncGenerator#aclose()} throws into an async
 * generator at the {@code emit} where it is suspended, so that its {@code finally} blocks run (and
 * may await). An {@link Error}, as {@link CancelledError} is, so that {@code catch (Exception e)} does
 * not swallow it; a generator that catches it must end, not emit.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** The request to close, thrown at the suspended {@code emit}. */
    public GeneratorExit() {
        super(null, null, false, false);
    }
}
