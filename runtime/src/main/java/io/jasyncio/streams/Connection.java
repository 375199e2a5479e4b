// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.AsyncCloseable;
import io.jasyncio.Coroutine;

/**
 * The two streams of a connection, the {@code (reader, writer)} pair that asyncio's
 * {@code open_connection} returns. In an {@code @Async} method,
 * {@code try (Connection c = await(openConnection(host, port))) { ... }} closes the writer and awaits
 * {@code waitClosed()} on leaving ({@link #aclose()}).
 *
 * @param reader what the peer sends
 * @param writer what goes to the peer
 */
public record Connection(StreamReader reader, StreamWriter writer) implements AsyncCloseable {
    /** Closes the writer and waits until the connection is closed, the writer's {@link StreamWriter#aclose()}. */
    @Override
    public Coroutine<Void> aclose() {
        return writer.aclose();
    }
}
