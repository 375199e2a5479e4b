// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/**
 * What every transport does, asyncio's {@code BaseTransport}: it can be closed, told which protocol
 * to call, and asked about the channel under it. Loop thread only.
 */
public interface BaseTransport {
    /**
     * Information about the transport or the channel under it, asyncio's {@code get_extra_info(name)},
     * under asyncio's names: {@code "peername"} and {@code "sockname"} (a {@link java.net.SocketAddress}),
     * {@code "socket"} (the NIO channel), and for TLS {@code "sslcontext"}, {@code "ssl_object"} (the
     * {@link javax.net.ssl.SSLEngine}), {@code "peercert"} and {@code "cipher"}; {@code null} for a
     * name this transport does not know.
     */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** Information about the transport, or {@code defaultValue} where it has none of that name, asyncio's {@code get_extra_info(name, default)}. */
    Object getExtraInfo(String name, Object defaultValue);

    /** Whether the transport is closing or closed, asyncio's {@code is_closing()}. */
    boolean isClosing();

    /**
     * Closes the transport, asyncio's {@code close()}: buffered data is still written, then the
     * channel closes and the protocol's {@code connectionLost(null)} is called in a later loop
     * iteration. Closing twice does nothing.
     */
    void close();

    /** Makes {@code protocol} the one this transport calls from now on, asyncio's {@code set_protocol()}. */
    void setProtocol(BaseProtocol<?> protocol);

    /** The protocol this transport calls, asyncio's {@code get_protocol()}. */
    BaseProtocol<?> getProtocol();
}
