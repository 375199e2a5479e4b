// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

/**
 * The two streams of a connection, the {@code (reader, writer)} pair that asyncio's
 * {@code open_connection} returns.
 *
 * @param reader what the peer sends
 * @param writer what goes to the peer
 */
public record Connection(StreamReader reader, StreamWriter writer) {
}
