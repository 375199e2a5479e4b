// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * asyncio's transports and protocols: the callback layer under the streams. A transport owns a
 * channel (a TCP or Unix socket, a UDP socket, a TLS session over another transport, a pipe to a
 * subprocess) and calls its protocol on the loop's thread as things happen: connection made, data
 * received, end of input, writing paused and resumed, connection lost. The protocol writes through
 * the transport. As in asyncio, every call on either side happens on the loop that owns the
 * transport, and none of them blocks.
 *
 * <p>{@link io.jasyncio.transports.Transports} makes them, as asyncio's {@code loop.create_connection}
 * and {@code loop.create_server} do ({@link io.jasyncio.transports.Server} is asyncio's
 * {@code Server}); the streams of {@code io.jasyncio.streams} are a protocol over any transport.
 */
package io.jasyncio.transports;
