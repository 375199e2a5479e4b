// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.datagrams;

import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;

/**
 * The keyword arguments of asyncio's {@code create_datagram_endpoint} beyond the protocol factory
 * and the addresses, as an immutable value: {@code DatagramOptions.DEFAULTS.withAllowBroadcast(true)}.
 */
public final class DatagramOptions {
    /** asyncio's defaults: no {@code SO_REUSEPORT}, no {@code SO_BROADCAST}, the family taken from the addresses. */
    public static final DatagramOptions DEFAULTS = new DatagramOptions(false, false, null);

    private final boolean reusePort;
    private final boolean allowBroadcast;
    private final ProtocolFamily family;

    private DatagramOptions(boolean reusePort, boolean allowBroadcast, ProtocolFamily family) {
        this.reusePort = reusePort;
        this.allowBroadcast = allowBroadcast;
        this.family = family;
    }

    /** Whether the socket may bind to a port other sockets are bound to, asyncio's {@code reuse_port} ({@code SO_REUSEPORT}). */
    public boolean reusePort() {
        return reusePort;
    }

    /** Whether the socket may send to broadcast addresses, asyncio's {@code allow_broadcast} ({@code SO_BROADCAST}). */
    public boolean allowBroadcast() {
        return allowBroadcast;
    }

    /**
     * The socket's address family, asyncio's {@code family}: {@link StandardProtocolFamily#INET} or
     * {@link StandardProtocolFamily#INET6}; {@code null} (the default) takes it from the addresses given,
     * or the JDK's default socket, which reaches both, when none is.
     */
    public ProtocolFamily family() {
        return family;
    }

    /** These options with {@code SO_REUSEPORT} set or not, asyncio's {@code reuse_port}. */
    public DatagramOptions withReusePort(boolean reusePort) {
        return new DatagramOptions(reusePort, allowBroadcast, family);
    }

    /** These options with {@code SO_BROADCAST} set or not, asyncio's {@code allow_broadcast}. */
    public DatagramOptions withAllowBroadcast(boolean allowBroadcast) {
        return new DatagramOptions(reusePort, allowBroadcast, family);
    }

    /** These options with the socket's address family, asyncio's {@code family}; {@code null} to take it from the addresses. */
    public DatagramOptions withFamily(ProtocolFamily family) {
        if (family != null && family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw new IllegalArgumentException("a UDP socket's family is INET or INET6, not " + family);
        }
        return new DatagramOptions(reusePort, allowBroadcast, family);
    }

    @Override
    public String toString() {
        return "DatagramOptions[reusePort=" + reusePort + " allowBroadcast=" + allowBroadcast
                + (family == null ? "" : " family=" + family) + "]";
    }
}
