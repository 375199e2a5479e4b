// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;

/**
 * What a server does with each new connection, asyncio's {@code client_connected_cb}: usually a
 * reference to an {@code @Async} method, {@code Echo::handle} for
 * {@code @Async static Coroutine<Void> handle(StreamReader reader, StreamWriter writer)}.
 */
@FunctionalInterface
public interface ClientConnectedCallback {
    /**
     * Called with the streams of a new connection. A coroutine returned here runs in a new task, one
     * per connection; its exception goes to the loop's exception handler as "Unhandled exception in
     * client_connected_cb", and the connection of a handler that fails or is cancelled is closed.
     * Returning {@code null} makes it a plain callback.
     */
    Coroutine<?> connected(StreamReader reader, StreamWriter writer);
}
