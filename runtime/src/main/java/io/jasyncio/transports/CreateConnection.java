// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The coroutine of {@code createConnection} and {@code createUnixConnection}, asyncio's
 * {@code create_connection}: it resolves the address, tries each resolved address in turn until one
 * connects, makes the protocol and its transport (wrapped in TLS if the options say so), and returns
 * both once the protocol's {@code connectionMade} has been called.
 *
 * <p>If no address connects, it throws the first failure, as Java reported it
 * ({@link java.net.ConnectException} "Connection refused" for a closed port), with the others
 * suppressed. Cancelled or failed at any point, it closes the socket it opened: nothing leaks.
 *
 * @param <P> the kind of protocol
 */
final class CreateConnection<P extends BaseProtocol<Transport>> extends SocketSetup<TransportAndProtocol<Transport, P>> {
    private static final int CONNECTED = 2;
    private static final int MADE = 3;

    private final Supplier<P> protocolFactory;
    private final ConnectionOptions options;

    /** The name checked in the server's certificate: the option's, else the host connected to; {@code null} without TLS. */
    private final String serverHostname;

    private List<SocketAddress> addresses;

    /** The index in {@link #addresses} of the one being tried. */
    private int next;

    /** The failure of the first address that did not connect, with the later ones suppressed. */
    private Exception firstFailure;

    private SocketChannel channel;
    private TransportAndProtocol<Transport, P> made;

    /**
     * A connection to the address {@code resolve} finds, for {@code host} (the name TLS checks by
     * default; {@code null} for a Unix socket), with {@code options}.
     */
    CreateConnection(Function<SelectorEventLoop, Future<List<SocketAddress>>> resolve, String host,
            Supplier<P> protocolFactory, ConnectionOptions options) {
        super(resolve);
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        this.protocolFactory = protocolFactory;
        this.options = options;
        if (options.ssl() == null) {
            if (options.serverHostname() != null) {
                throw new IllegalArgumentException("serverHostname is only meaningful with ssl");
            }
            serverHostname = null;
        } else {
            serverHostname = options.serverHostname() != null ? options.serverHostname() : host;
            if (serverHostname == null) {
                throw new IllegalArgumentException("you have to pass serverHostname when using ssl without a host");
            }
        }
    }

    @Override
    Object resolved(List<SocketAddress> resolvedAddresses) {
        addresses = resolvedAddresses;
        return connectNext();
    }

    @Override
    Object stepAfterResolution(int label) {
        switch (label) {
            case CONNECTED:
                try {
                    awaited();
                } catch (Exception refused) {
                    Sockets.closeQuietly(loop, channel);
                    recordFailure(refused);
                    return connectNext();
                } catch (Throwable cancelled) {
                    Sockets.closeQuietly(loop, channel);
                    throw cancelled;
                }
                return startTransport();
            case MADE:
                return finishUnlessFailed(made, made.transport()::close);
            default:
                throw badLabel(label);
        }
    }

    /** Opens a socket to the next address and connects it, or throws once every address failed. */
    private Object connectNext() {
        if (next == addresses.size()) {
            throw rethrow(firstFailure != null ? firstFailure : new UnknownHostException("no address to connect to"));
        }
        SocketAddress address = addresses.get(next++);
        Coroutine<Void> connecting;
        try {
            channel = Sockets.openSocket(address, options.localAddress());
            connecting = loop.sockConnect(channel, address); // only its coroutine fails, never the call
        } catch (IOException failure) {
            recordFailure(failure);
            return connectNext();
        }
        return await(CONNECTED, connecting);
    }

    private void recordFailure(Exception failure) {
        if (firstFailure == null) {
            firstFailure = failure;
        } else {
            firstFailure.addSuppressed(failure);
        }
    }

    /** Makes the protocol and the transport over the connected socket, and waits for the connection to be made. */
    private Object startTransport() {
        Future<Void> waiter = loop.createFuture();
        try {
            P protocol = protocolFactory.get();
            Transport transport = options.ssl() == null
                    ? new SocketTransport(loop, channel, protocol, null, waiter)
                    : TlsWrapping.wrapInTls(loop, channel, protocol, options.ssl(), false, serverHostname,
                            options.sslHandshakeTimeout(), options.sslShutdownTimeout(), waiter, null);
            made = new TransportAndProtocol<>(transport, protocol);
        } catch (Throwable failure) {
            Sockets.closeQuietly(loop, channel);
            throw failure;
        }
        return await(MADE, waiter);
    }

    @Override
    protected String functionName() {
        return "createConnection";
    }
}
