// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/**
 * A protocol for a stream transport, asyncio's {@code Protocol}: data arrives as new byte arrays.
 * The calls come in asyncio's order: {@code connectionMade}, then any number of {@code dataReceived},
 * then at most one {@code eofReceived}, then {@code connectionLost}.
 */
public interface Protocol extends BaseProtocol<Transport> {
    /** {@code data} arrived, asyncio's {@code data_received(data)}; the array is the protocol's to keep. */
    default void dataReceived(byte[] data) {}

    /**
     * The peer closed its sending half, asyncio's {@code eof_received()}. Returning {@code false} (the
     * default) closes the transport; {@code true} keeps it open for writing, and the protocol closes it.
     */
    default boolean eofReceived() {
        return false;
    }
}
