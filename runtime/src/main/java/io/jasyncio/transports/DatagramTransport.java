// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import java.net.SocketAddress;

/**
 * A UDP endpoint, asyncio's {@code DatagramTransport}: each {@link #sendto} sends one datagram, never
 * blocking; what the socket does not take at once is buffered, with the same write-buffer marks and
 * {@code pauseWriting}/{@code resumeWriting} calls as a stream transport. Loop thread only.
 */
public interface DatagramTransport extends BaseTransport {
    /** Sends {@code data} as one datagram to the endpoint's connected remote address, asyncio's {@code sendto(data)}. */
    default void sendto(byte[] data) {
        sendto(data, null);
    }

    /**
     * Sends {@code data} as one datagram to {@code address}, asyncio's {@code sendto(data, addr)};
     * {@code address} must be {@code null} or the remote address if the endpoint is connected.
     */
    void sendto(byte[] data, SocketAddress address);

    /** How many bytes of datagrams are buffered, not yet sent, asyncio's {@code get_write_buffer_size()}. */
    int getWriteBufferSize();

    /**
     * Sets the marks for pausing and resuming the protocol's writing, in bytes, as
     * {@link WriteTransport#setWriteBufferLimits} does: asyncio's selector datagram transport has
     * {@code set_write_buffer_limits(high, low)} from its flow-control mixin.
     */
    void setWriteBufferLimits(int high, int low);

    /** The low and high marks in bytes, asyncio's {@code get_write_buffer_limits()}. */
    WriteTransport.WriteBufferLimits getWriteBufferLimits();

    /** Closes the endpoint at once, dropping buffered datagrams, asyncio's {@code abort()}. */
    void abort();
}
