// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * A resource closed by awaiting a coroutine, asyncio's asynchronous context manager whose
 * {@code __aexit__} does not swallow exceptions: woven code awaits {@link #aclose()} where javac's
 * try-with-resources calls {@code close()}.
 */
public interface AsyncCloseable extends AutoCloseable {
    /** Closes this resource, asyncio's {@code await resource.aclose()}. */
    Coroutine<Void> aclose();

    /**
     * Fails: an {@code AsyncCloseable} is closed by awaiting {@link #aclose()}, which the weaver
     * does for a try-with-resources in an {@code @Async} method.
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName() + " is closed by await(aclose()), not close(): "
                + "use it in try-with-resources inside an @Async method, which the weaver rewrites");
    }
}
