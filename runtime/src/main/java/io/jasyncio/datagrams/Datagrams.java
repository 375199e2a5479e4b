// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.datagrams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.transports.DatagramProtocol;
import io.jasyncio.transports.DatagramTransport;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * UDP on the running loop, asyncio's {@code loop.create_datagram_endpoint}, for {@code import static
 * io.jasyncio.datagrams.Datagrams.*}. It needs a {@link SelectorEventLoop} running, as {@code run()}
 * makes.
 *
 * <pre>{@code
 * class Echo implements DatagramProtocol {
 *     DatagramTransport transport;
 *     public void connectionMade(DatagramTransport transport) { this.transport = transport; }
 *     public void datagramReceived(byte[] data, SocketAddress from) { transport.sendto(data, from); }
 * }
 * var endpoint = await(createDatagramEndpoint(Echo::new, new InetSocketAddress("127.0.0.1", 9999), null));
 * }</pre>
 */
public final class Datagrams {
    private Datagrams() {
    }

    /**
     * A coroutine that opens a UDP endpoint and returns its transport and the protocol
     * {@code protocolFactory} made for it, asyncio's {@code create_datagram_endpoint(protocol_factory,
     * local_addr, remote_addr)}: the socket is bound to {@code localAddress} unless that is
     * {@code null}, and connected to {@code remoteAddress} unless that is {@code null}; a connected
     * endpoint sends only there, receives only from there, and hears of ICMP errors through
     * {@link DatagramProtocol#errorReceived}. Both are {@link java.net.InetSocketAddress}es; an
     * unresolved one ({@code InetSocketAddress.createUnresolved}) is looked up in the loop's default
     * executor. It returns once the protocol's {@code connectionMade} has run; a socket that cannot be
     * bound or connected throws the {@link IOException} (such as {@link java.net.BindException}).
     */
    public static <P extends DatagramProtocol> Coroutine<TransportAndProtocol<DatagramTransport, P>> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress localAddress, SocketAddress remoteAddress) throws IOException {
        return createDatagramEndpoint(protocolFactory, localAddress, remoteAddress, DatagramOptions.DEFAULTS);
    }

    /**
     * Like {@link #createDatagramEndpoint(Supplier, SocketAddress, SocketAddress)}, with asyncio's keyword
     * arguments {@code reuse_port}, {@code allow_broadcast} and {@code family} as {@code options}.
     */
    public static <P extends DatagramProtocol> Coroutine<TransportAndProtocol<DatagramTransport, P>> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress localAddress, SocketAddress remoteAddress, DatagramOptions options)
            throws IOException {
        return new CreateDatagramEndpoint<>(Objects.requireNonNull(protocolFactory, "protocolFactory"), localAddress,
                remoteAddress, Objects.requireNonNull(options, "options"));
    }

    /** The running loop, which must be a selector loop. */
    static SelectorEventLoop runningLoop() {
        EventLoop loop = EventLoop.getRunningLoop();
        if (loop instanceof SelectorEventLoop selectorLoop) {
            return selectorLoop;
        }
        throw new IllegalStateException("datagram endpoints need a SelectorEventLoop; the running loop is " + loop);
    }
}
