// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.datagrams;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.DatagramProtocol;
import io.jasyncio.transports.DatagramTransport;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;

/**
 * The coroutine of {@link Datagrams#createDatagramEndpoint}, asyncio's
 * {@code create_datagram_endpoint}: it resolves the addresses given by name (in the loop's default
 * executor, since the JDK's lookup blocks), opens a non-blocking socket of the addresses' family,
 * sets its options, binds it to the local address and connects it to the remote one, makes the
 * protocol, and returns once the protocol's {@code connectionMade} has run. Failed or cancelled at
 * any point, it leaves no socket open.
 *
 * @param <P> the kind of protocol
 */
final class CreateDatagramEndpoint<P extends DatagramProtocol>
        extends HandWrittenCoroutine<TransportAndProtocol<DatagramTransport, P>> {
    private static final int RESOLVED = 1;
    private static final int MADE = 2;

    private final Supplier<P> protocolFactory;
    private final DatagramOptions options;
    private SocketAddress localAddress;
    private SocketAddress remoteAddress;

    private SelectorEventLoop loop;
    private P protocol;
    private SelectorDatagramTransport transport;

    CreateDatagramEndpoint(Supplier<P> protocolFactory, SocketAddress localAddress, SocketAddress remoteAddress,
            DatagramOptions options) {
        super("Datagrams.createDatagramEndpoint");
        this.protocolFactory = protocolFactory;
        this.localAddress = checkInet(localAddress, "localAddress");
        this.remoteAddress = checkInet(remoteAddress, "remoteAddress");
        this.options = options;
    }

    private static SocketAddress checkInet(SocketAddress address, String name) {
        if (address != null && !(address instanceof InetSocketAddress)) {
            throw new IllegalArgumentException(name + " must be an InetSocketAddress for UDP, not " + address);
        }
        return address;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                loop = Datagrams.runningLoop();
                if (isUnresolved(localAddress) || isUnresolved(remoteAddress)) {
                    return await(RESOLVED, loop.runInExecutor(null, () -> {
                        localAddress = resolve(localAddress);
                        remoteAddress = resolve(remoteAddress);
                        return null;
                    }));
                }
                return open();
            case RESOLVED:
                awaited();
                return open();
            case MADE:
                try {
                    awaited();
                } catch (Throwable failure) {
                    transport.close();
                    throw failure;
                }
                return finish(new TransportAndProtocol<>(transport, protocol));
            default:
                throw badLabel(label);
        }
    }

    private static boolean isUnresolved(SocketAddress address) {
        return address != null && ((InetSocketAddress) address).isUnresolved();
    }

    /** {@code address} with its host name looked up, taking the first address of the family asked for. */
    private SocketAddress resolve(SocketAddress address) throws UnknownHostException {
        if (!isUnresolved(address)) {
            return address;
        }
        InetSocketAddress unresolved = (InetSocketAddress) address;
        for (InetAddress candidate : InetAddress.getAllByName(unresolved.getHostString())) {
            if (options.family() == null || options.family() == familyOf(candidate)) {
                return new InetSocketAddress(candidate, unresolved.getPort());
            }
        }
        throw new UnknownHostException(unresolved.getHostString() + " has no " + options.family() + " address");
    }

    /** Opens, sets up, binds and connects the socket, then starts the transport and waits for it to be made. */
    private Object open() {
        DatagramChannel channel = null;
        try {
            ProtocolFamily family = family();
            channel = family == null ? DatagramChannel.open() : DatagramChannel.open(family);
            channel.configureBlocking(false);
            if (options.reusePort()) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (options.allowBroadcast()) {
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            if (localAddress != null) {
                channel.bind(localAddress);
            }
            if (remoteAddress != null) {
                channel.connect(remoteAddress);
            }
            protocol = protocolFactory.get();
            Future<Void> made = loop.createFuture();
            transport = new SelectorDatagramTransport(loop, channel, protocol, remoteAddress, made);
            return await(MADE, made);
        } catch (IOException | RuntimeException failure) {
            if (channel != null) {
                try {
                    loop.closeChannel(channel);
                } catch (IOException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw rethrow(failure);
        }
    }

    /** The family asked for, or else that of the first address given; {@code null} for the JDK's default socket. */
    private ProtocolFamily family() {
        if (options.family() != null) {
            return options.family();
        }
        SocketAddress first = localAddress != null ? localAddress : remoteAddress;
        return first == null ? null : familyOf(((InetSocketAddress) first).getAddress());
    }

    private static ProtocolFamily familyOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return StandardProtocolFamily.INET;
        }
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : null;
    }
}
