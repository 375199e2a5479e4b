// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/**
 * What asyncio's {@code create_connection} and its kin return: the transport and the protocol the
 * factory made for it, asyncio's {@code (transport, protocol)} pair.
 *
 * @param <T> the kind of transport
 * @param <P> the kind of protocol
 */
public record TransportAndProtocol<T extends BaseTransport, P>(T transport, P protocol) {}
