// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import java.io.IOException;

/**
 * What a server does with each new connection, asyncio's {@code client_connected_cb}: usually a
 * reference to an {@code @Async} method, {@code Echo::handle} for
 * {@code @Async static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) throws IOException}.
 */
@FunctionalInterface
public interface ClientConnectedCallback {
    /**
     * Called with the streams of a new connection. A coroutine returned here runs in a new task, one
     * per connection; its exception goes to the loop's exception handler as "Unhandled exception in
     * client_connected_cb", and the connection of a handler that fails or is cancelled is closed.
     * Returning {@code null} makes it a plain callback. It may declare {@code throws IOException}, as
     * a handler that awaits the streams does (see {@link io.jasyncio.streams}).
     */
    Coroutine<?> connected(StreamReader reader, StreamWriter writer) throws IOException;
}
