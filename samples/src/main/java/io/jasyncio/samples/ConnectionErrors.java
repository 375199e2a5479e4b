// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.streams.Streams.openConnection;

import io.jasyncio.Coroutine;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import io.jasyncio.streams.Connection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A client that catches network failures by type, as Python's {@code except ConnectionRefusedError}
 * and {@code except ConnectionResetError}: a connection to a closed port throws
 * {@link ConnectException}, a read from a peer that resets the connection {@link SocketException}.
 * The stream methods declare {@code throws IOException}, so javac accepts these catch clauses around
 * {@code await}; the {@code @Async} methods here declare it in turn for what they do not catch.
 */
public final class ConnectionErrors {
    private ConnectionErrors() {
    }

    /** Connects to {@code port}, on which nothing listens. */
    @Async
    static Coroutine<Void> connectToClosedPort(int port) {
        try {
            await(openConnection("127.0.0.1", port));
            System.out.println("connected?");
        } catch (ConnectException refused) {
            System.out.println("connect to a closed port: refused (" + refused.getClass().getName() + ")");
        } catch (IOException other) {
            System.out.println("connect to a closed port: " + other);
        }
        return result(null);
    }

    /**
     * Accepts one connection and, once the client is connected, resets it: with SO_LINGER 0, close
     * sends RST instead of FIN. (Reset sooner, the client's connect itself may fail with
     * {@link SocketException} "Connection reset by peer".)
     */
    @Async
    static Coroutine<Void> acceptAndReset(SelectorEventLoop loop, ServerSocketChannel listener, Event connected)
            throws IOException {
        SocketChannel peer = await(loop.sockAccept(listener));
        await(connected.await());
        peer.setOption(StandardSocketOptions.SO_LINGER, 0);
        peer.close();
        return result(null);
    }

    /** Reads a line from a peer that resets the connection instead of answering. */
    @Async
    static Coroutine<Void> readFromResettingPeer() throws IOException {
        SelectorEventLoop loop = (SelectorEventLoop) getRunningLoop();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            Event connected = new Event();
            Task<Void> resetter = createTask(acceptAndReset(loop, listener, connected));
            try {
                Connection connection = await(openConnection("127.0.0.1", listener.socket().getLocalPort()));
                connected.set();
                try {
                    byte[] line = await(connection.reader().readline());
                    System.out.println("read " + line.length + " bytes?");
                } finally {
                    connection.writer().close();
                }
            } catch (SocketException reset) {
                System.out.println("read from a peer that reset: reset (" + reset.getClass().getName() + ")");
            }
            await(resetter);
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() throws IOException {
        int closedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = probe.socket().getLocalPort();
        }
        await(connectToClosedPort(closedPort));
        await(readFromResettingPeer());
        return result(null);
    }

    /** Runs the sample. */
    public static void main(String[] args) throws IOException {
        run(main());
    }
}
