// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sockConnect}, {@code sockAccept}, {@code sockRecv} and {@code sockSendall} over loopback TCP, driven without the weaver. */
@Timeout(60)
class SocketOperationTest extends LoopTestSupport {
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel accepted;

    @Override
    protected EventLoop newLoop(Clock clock) {
        return new SelectorEventLoop(clock);
    }

    @BeforeEach
    void listen() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        client = SocketChannel.open();
        client.configureBlocking(false);
    }

    @AfterEach
    void closeAll() throws Exception {
        listener.close();
        client.close();
        if (accepted != null) {
            accepted.close();
        }
    }

    /** Connects {@link #client} to {@link #listener} and accepts the connection as {@link #accepted}. */
    private void connect(SelectorEventLoop loop) throws IOException {
        Task<SocketChannel> accepting = loop.createTask(loop.sockAccept(listener));
        Task<Void> connecting = loop.createTask(loop.sockConnect(client, localAddress()));
        loop.runUntilComplete(Asyncio.gather(accepting, connecting));
        accepted = accepting.result();
    }

    private SocketAddress localAddress() {
        try {
            return listener.getLocalAddress();
        } catch (java.io.IOException failure) {
            throw new AssertionError(failure);
        }
    }

    @Test
    void connectAndAcceptMeet() throws Exception {
        runTest(Clock.system(), loop -> {
            connect((SelectorEventLoop) loop);
            assertTrue(client.isConnected());
            assertFalse(accepted.isBlocking());
            assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
        });
    }

    @Test
    void sendallSendsEverythingAndRecvReturnsWhatArrived() throws Exception {
        byte[] large = new byte[4 << 20]; // more than the socket buffers hold: sendall must wait for the reader
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        runTest(Clock.system(), loop -> {
            SelectorEventLoop selectorLoop = (SelectorEventLoop) loop;
            connect(selectorLoop);
            ByteBuffer data = ByteBuffer.wrap(large);
            Task<Void> sending = loop.createTask(selectorLoop.sockSendall(client, data));
            ByteBuffer received = ByteBuffer.allocate(large.length);
            while (received.hasRemaining()) {
                received.put(loop.runUntilComplete(selectorLoop.sockRecv(accepted, 1 << 16)));
            }
            loop.runUntilComplete(sending);
            assertFalse(data.hasRemaining());
            assertArrayEquals(large, received.array());
            client.shutdownOutput();
            assertEquals(0, loop.runUntilComplete(selectorLoop.sockRecv(accepted, 10)).length, "end of stream");
        });
    }

    @Test
    void aCancelledRecvReadsNothing() throws Exception {
        runTest(Clock.system(), loop -> {
            SelectorEventLoop selectorLoop = (SelectorEventLoop) loop;
            connect(selectorLoop);
            Task<byte[]> receiving = loop.createTask(selectorLoop.sockRecv(accepted, 100));
            runOnce(loop);
            client.write(ByteBuffer.wrap("kept".getBytes(US_ASCII)));
            receiving.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(receiving));
            assertEquals("kept", new String(loop.runUntilComplete(selectorLoop.sockRecv(accepted, 100)), US_ASCII));
        });
    }

    @Test
    void connectingToAClosedPortThrowsConnectException() throws Exception {
        runTest(Clock.system(), loop -> {
            SocketAddress closedPort = localAddress();
            listener.close();
            ConnectException refused = assertThrows(ConnectException.class,
                    () -> loop.runUntilComplete(((SelectorEventLoop) loop).sockConnect(client, closedPort)));
            assertEquals("Connection refused", refused.getMessage());
        });
    }

    @Test
    void aBlockingChannelIsRefused() throws Exception {
        runTest(Clock.system(), loop -> {
            client.configureBlocking(true);
            assertThrows(IllegalArgumentException.class, () -> ((SelectorEventLoop) loop).sockRecv(client, 1));
        });
    }
}
