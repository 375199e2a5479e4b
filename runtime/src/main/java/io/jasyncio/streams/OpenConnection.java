// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Function;

/**
 * The coroutine of {@code openConnection} and {@code openUnixConnection}, asyncio's
 * {@code open_connection} over {@code create_connection}: it resolves the address, tries each
 * resolved address in turn until one connects, and returns the streams once the connection is made.
 *
 * <p>If no address connects, it throws the first failure, as Java reported it
 * ({@link java.net.ConnectException} "Connection refused" for a closed port), with the others
 * suppressed. Cancelled or failed at any point, it closes the socket it opened: nothing leaks.
 */
final class OpenConnection extends SocketSetup<Connection> {
    private static final int CONNECTED = 2;
    private static final int MADE = 3;

    /** The limit of the reader, in bytes. */
    private final int limit;

    private List<SocketAddress> addresses;

    /** The index in {@link #addresses} of the one being tried. */
    private int next;

    /** The failure of the first address that did not connect, with the later ones suppressed. */
    private Exception firstFailure;

    private SocketChannel channel;
    private Connection connection;
    private SocketTransport transport;

    OpenConnection(Function<SelectorEventLoop, Future<List<SocketAddress>>> resolve, int limit) {
        super(resolve);
        this.limit = StreamReader.checkLimit(limit);
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
                return finishUnlessFailed(connection, transport::close);
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
            channel = Sockets.openSocket(address);
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

    /** Wraps the connected socket in a transport and its streams, and waits for the connection to be made. */
    private Object startTransport() {
        StreamReader reader = new StreamReader(limit);
        StreamProtocol protocol = new StreamProtocol(loop, reader, null);
        Future<Void> made = loop.createFuture();
        transport = new SocketTransport(loop, channel, protocol, null, made);
        connection = new Connection(reader, new StreamWriter(transport, protocol, reader));
        return await(MADE, made);
    }

    @Override
    protected String functionName() {
        return "openConnection";
    }
}
