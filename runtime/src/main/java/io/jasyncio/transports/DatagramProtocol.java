// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import java.net.SocketAddress;

/** A protocol for a UDP endpoint, asyncio's {@code DatagramProtocol}. */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {
    /** A datagram {@code data} arrived from {@code address}, asyncio's {@code datagram_received(data, addr)}. */
    default void datagramReceived(byte[] data, SocketAddress address) {}

    /**
     * A send or receive failed, asyncio's {@code error_received(exc)}: for example an ICMP
     * port-unreachable reply to an earlier datagram, as a {@link java.net.PortUnreachableException}.
     * The endpoint stays open.
     */
    default void errorReceived(Exception failure) {}
}
