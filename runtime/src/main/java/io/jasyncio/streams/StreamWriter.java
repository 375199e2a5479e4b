// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.shield;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.WriteTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The writing end of a connection, asyncio's {@code StreamWriter}, over any {@link WriteTransport}:
 * a TCP or Unix socket, a TLS session, a pipe to a subprocess.
 *
 * <p>{@link #write} never waits: what the transport does not send at once is buffered. Follow writes
 * with {@code await(writer.drain())}, which waits while the buffer is above its high-water mark
 * (64 KiB by default) until it is down to the low-water mark (a quarter of it), so that a writer
 * faster than its peer does not fill the memory. {@link #close()} writes what is buffered, then
 * closes; await {@link #waitClosed()} to know when. Loop thread only.
 *
 * <p>Cancelling a {@code drain()} or {@code waitClosed()} cancels the wait only: buffered data is
 * still written, and the writer stays usable.
 */
public final class StreamWriter {
    private final WriteTransport transport;
    private final FlowControl protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * A writer to {@code transport}, whose protocol is or holds {@code protocol}, asyncio's
     * {@code StreamWriter(transport, protocol, reader, loop)}; {@code reader}, the connection's other
     * end, may be {@code null} (a pipe to a subprocess has none): its failure fails {@code drain()}.
     */
    public StreamWriter(WriteTransport transport, FlowControl protocol, StreamReader reader, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** The transport written to, asyncio's {@code writer.transport}. */
    public WriteTransport getTransport() {
        return transport;
    }

    /**
     * Sends {@code data}, asyncio's {@code write}: at once as far as the transport takes it, the rest
     * later. Ignored once the connection is lost; {@link IllegalStateException} after
     * {@link #writeEof()}.
     */
    public void write(byte[] data) {
        transport.write(data, 0, data.length);
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}, as {@link #write(byte[])}. */
    public void write(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        transport.write(data, offset, length);
    }

    /** Sends each of {@code chunks} in order, asyncio's {@code writelines}. */
    public void writelines(Iterable<byte[]> chunks) {
        transport.writelines(chunks);
    }

    /**
     * A coroutine that waits until the buffer is down to its low-water mark if it is above its
     * high-water mark, asyncio's {@code drain()}; it usually returns without suspending. It throws the
     * reader's exception if the connection failed, and {@link SocketException} "Connection lost",
     * Python's {@code ConnectionResetError}, if the connection was lost.
     */
    public Coroutine<Void> drain() throws IOException {
        return new Drain();
    }

    /** Whether the writer can shut its side down with {@link #writeEof()}, asyncio's {@code can_write_eof}: not over TLS. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Shuts the output down once the buffered data is written, asyncio's {@code write_eof}: the peer
     * reads the end of the stream, and can still send. {@link UnsupportedOperationException} where
     * {@link #canWriteEof()} is false.
     */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Closes the connection once the buffered data is written, asyncio's {@code close}: reading stops
     * now. Idempotent; await {@link #waitClosed()} to know when the transport is closed.
     */
    public void close() {
        transport.close();
    }

    /** Closes the connection at once, dropping the buffered data, asyncio's {@code transport.abort()}. */
    public void abort() {
        transport.abort();
    }

    /** Whether the connection is closing or closed, asyncio's {@code is_closing}. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * A future done once the connection is closed, asyncio's {@code wait_closed()}: it fails with the
     * exception that lost the connection, if one did. Cancelling it does not affect the connection.
     */
    public Future<Void> waitClosed() throws IOException {
        return shield(protocol.closeWaiter());
    }

    /** Information about the transport, asyncio's {@code get_extra_info(name)}: see {@link io.jasyncio.transports.BaseTransport#getExtraInfo(String)}. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** The peer's address, asyncio's {@code get_extra_info('peername')}; {@code null} if unknown. */
    public SocketAddress getPeerAddress() {
        return (SocketAddress) transport.getExtraInfo("peername");
    }

    /** This end's address, asyncio's {@code get_extra_info('sockname')}; {@code null} if unknown. */
    public SocketAddress getLocalAddress() {
        return (SocketAddress) transport.getExtraInfo("sockname");
    }

    /** How many bytes wait to be written, asyncio's {@code transport.get_write_buffer_size()}. */
    public int getWriteBufferSize() {
        return transport.getWriteBufferSize();
    }

    /** The high-water mark: above it, {@code drain()} waits; in bytes. */
    public int getWriteBufferHighWater() {
        return transport.getWriteBufferLimits().high();
    }

    /** The low-water mark: a waiting {@code drain()} returns once the buffer is down to it; in bytes. */
    public int getWriteBufferLowWater() {
        return transport.getWriteBufferLimits().low();
    }

    /**
     * Sets the water marks of the write buffer, asyncio's {@code transport.set_write_buffer_limits};
     * {@link IllegalArgumentException} unless {@code high >= low >= 0}.
     */
    public void setWriteBufferLimits(int high, int low) {
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        transport.setWriteBufferLimits(high, low);
    }

    /** Sets the high-water mark to {@code high} and the low-water mark to a quarter of it. */
    public void setWriteBufferLimits(int high) {
        setWriteBufferLimits(high, high / 4);
    }

    /** The loop of the connection. */
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "StreamWriter[transport=" + transport + " reader=" + reader + "]";
    }

    /** The coroutine of {@link #drain()}. */
    private final class Drain extends HandWrittenCoroutine<Void> {
        private static final int YIELDED = 1;
        private static final int DRAINED = 2;

        private Future<Void> waiter;

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    Throwable failure = reader == null ? null : reader.exception();
                    if (failure != null) {
                        throw rethrow(failure);
                    }
                    if (transport.isClosing()) {
                        // One iteration for the connection to be lost, so that writing in a loop to a closing
                        // connection ends with the error instead of spinning, as asyncio does.
                        return await(YIELDED, sleep(0));
                    }
                    return waitUntilDrained();
                case YIELDED:
                    awaited();
                    return waitUntilDrained();
                case DRAINED:
                    try {
                        awaited();
                    } finally {
                        protocol.removeDrainWaiter(waiter);
                    }
                    return finish(null);
                default:
                    throw badLabel(label);
            }
        }

        /** asyncio's {@code _drain_helper}. */
        private Object waitUntilDrained() {
            if (protocol.isConnectionLost()) {
                throw rethrow(new SocketException("Connection lost"));
            }
            if (!protocol.writingPaused()) {
                return finish(null);
            }
            waiter = protocol.addDrainWaiter();
            return await(DRAINED, waiter);
        }

        @Override
        protected String functionName() {
            return "drain";
        }
    }
}
