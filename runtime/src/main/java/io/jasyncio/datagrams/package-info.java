// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * UDP endpoints, asyncio's {@code create_datagram_endpoint} and its selector datagram transport:
 * {@link io.jasyncio.datagrams.Datagrams#createDatagramEndpoint} opens a non-blocking
 * {@link java.nio.channels.DatagramChannel}, binds and connects it as asked, and drives it from the
 * loop's selector, calling a {@link io.jasyncio.transports.DatagramProtocol} on the loop's thread.
 */
package io.jasyncio.datagrams;
