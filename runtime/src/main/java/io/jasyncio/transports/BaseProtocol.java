// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/**
 * What the transport tells every protocol, asyncio's {@code BaseProtocol}. Each method has a default
 * that does nothing, as in asyncio, so a protocol implements only what it uses. Every call comes on
 * the transport's loop thread.
 *
 * @param <T> the kind of transport that calls this protocol
 */
public interface BaseProtocol<T extends BaseTransport> {
    /**
     * The connection is made and {@code transport} is its transport, asyncio's {@code connection_made()};
     * the first call the protocol receives.
     */
    default void connectionMade(T transport) {}

    /**
     * The connection is lost or closed, asyncio's {@code connection_lost(exc)}: {@code failure} is
     * {@code null} for a normal close or end of input, else what broke it. The last call the protocol
     * receives.
     */
    default void connectionLost(Exception failure) {}

    /**
     * The transport's write buffer went above its high-water mark, asyncio's {@code pause_writing()}:
     * the protocol should stop writing until {@link #resumeWriting()}.
     */
    default void pauseWriting() {}

    /** The transport's write buffer drained to its low-water mark, asyncio's {@code resume_writing()}. */
    default void resumeWriting() {}
}
