// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected socket driven by the selector, asyncio's {@code _SelectorSocketTransport}: it reads
 * whatever arrives into its {@link StreamProtocol}, and buffers what it cannot write at once.
 *
 * <p>Writing: {@link #write} sends at once if nothing is buffered, and buffers what the socket does
 * not take; the buffer is written as the socket becomes writable. Above the high-water mark
 * (64 KiB by default) the protocol is told to pause writing, and once the buffer is down to the
 * low-water mark (a quarter of the high one) to resume: that is what makes {@code drain()} wait.
 *
 * <p>Closing: {@link #close()} stops reading, writes what is buffered, then closes the socket and
 * tells the protocol, in a later iteration; {@link #abort()} drops the buffer and does so at once. A
 * read or write that fails closes the transport the same way, and the protocol receives the
 * exception: {@link IOException}s, the peer's doing, are not reported to the loop's exception
 * handler, as asyncio does not report {@code OSError}s; anything else is. Loop thread only.
 */
final class SocketTransport {
    /** The default high-water mark of the write buffer, in bytes. */
    static final int DEFAULT_HIGH_WATER = 64 * 1024;

    /** How many bytes one read or write system call moves at most. */
    private static final int IO_CHUNK = 64 * 1024;

    /**
     * The scratch buffer of the thread's loop, through which every socket read and write goes: a
     * direct buffer, so the JDK copies nothing more, and one per loop rather than one per
     * connection. No callback holds it across another.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(IO_CHUNK));

    private final SelectorEventLoop loop;
    private final SocketChannel channel;
    private final StreamProtocol protocol;

    /** The server that accepted the connection, told when it is lost; {@code null} on the client side. */
    private final Server server;

    private final SocketAddress peerAddress;
    private final SocketAddress localAddress;

    /** What {@link #write} could not send yet. */
    private final StreamBuffer writeBuffer = new StreamBuffer();

    /** Above this many buffered bytes, writing is paused, in bytes. */
    private int highWater = DEFAULT_HIGH_WATER;

    /** At or below this many buffered bytes, paused writing resumes, in bytes. */
    private int lowWater = DEFAULT_HIGH_WATER / 4;

    /** Whether the protocol was told to pause writing. */
    private boolean writingPaused;

    /** Whether the reader asked to stop reading from the socket. */
    private boolean readingPaused;

    /** Whether {@link #close()} or a failure began closing: no more reading, and the socket closes once written. */
    private boolean closing;

    /** Whether {@link #writeEof()} was called: the socket's output shuts down once the buffer is written. */
    private boolean eofWritten;

    /** Whether the connection is lost or about to be: {@link #connectionLost} is scheduled or ran. */
    private boolean lost;

    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;

    /**
     * Drives {@code channel}, connected and non-blocking. In the next iteration the protocol learns
     * of the connection, reading begins, and then {@code made}, if not {@code null}, is completed.
     */
    SocketTransport(SelectorEventLoop loop, SocketChannel channel, StreamProtocol protocol, Server server, Future<Void> made) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.server = server;
        this.peerAddress = addressOrNull(channel, true);
        this.localAddress = addressOrNull(channel, false);
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // asyncio's _set_nodelay: writes go out as they are made
            } catch (IOException ignored) {
                // a socket that cannot take the option still works, only with Nagle's delays
            }
        }
        if (server != null) {
            server.attach(this);
        }
        loop.callSoon(() -> protocol.connectionMade(this));
        loop.callSoon(() -> {
            if (isReading()) {
                loop.addReader(channel, readReady);
            }
        });
        if (made != null) {
            loop.callSoon(() -> {
                if (!made.cancelled()) {
                    made.setResult(null);
                }
            });
        }
    }

    /** The loop this connection runs on, where each of its methods must be called. */
    SelectorEventLoop getLoop() {
        return loop;
    }

    private static SocketAddress addressOrNull(SocketChannel channel, boolean remote) {
        try {
            return remote ? channel.getRemoteAddress() : channel.getLocalAddress();
        } catch (IOException unavailable) {
            return null;
        }
    }

    SelectorEventLoop loop() {
        return loop;
    }

    /** The peer's address, asyncio's {@code get_extra_info('peername')}. */
    SocketAddress peerAddress() {
        return peerAddress;
    }

    /** The local address, asyncio's {@code get_extra_info('sockname')}. */
    SocketAddress localAddress() {
        return localAddress;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    private void readReady() {
        if (lost) {
            return;
        }
        ByteBuffer scratch = SCRATCH.get();
        scratch.clear();
        int count;
        try {
            count = channel.read(scratch);
        } catch (IOException failure) {
            fatalError(failure, "Fatal read error on socket transport");
            return;
        }
        if (count < 0) {
            protocol.eofReceived();
            loop.removeReader(channel); // the connection stays open for writing
        } else if (count > 0) {
            scratch.flip();
            protocol.dataReceived(scratch);
        }
    }

    /** Whether the transport reads from the socket: not closing, and not paused. */
    boolean isReading() {
        return !closing && !readingPaused;
    }

    /** Stops reading from the socket until {@link #resumeReading()}, asyncio's {@code pause_reading}. */
    void pauseReading() {
        if (!isReading()) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    /** Reads from the socket again, asyncio's {@code resume_reading}. */
    void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        loop.addReader(channel, readReady);
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}, now as far as the socket takes
     * them and later for the rest, asyncio's {@code write}. Ignored once the connection is lost;
     * {@link IllegalStateException} after {@link #writeEof()}.
     */
    void write(byte[] data, int offset, int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        if (length == 0 || lost) {
            return;
        }
        if (writeBuffer.isEmpty()) {
            int sent;
            try {
                sent = send(data, offset, length);
            } catch (IOException failure) {
                fatalError(failure, "Fatal write error on socket transport");
                return;
            }
            if (sent == length) {
                return;
            }
            offset += sent;
            length -= sent;
            loop.addWriter(channel, writeReady);
        }
        writeBuffer.append(data, offset, length);
        pauseWritingIfFull();
    }

    /** Sends as much of the bytes as the socket takes now, and returns how many that was. */
    private int send(byte[] data, int offset, int length) throws IOException {
        ByteBuffer scratch = SCRATCH.get();
        int sent = 0;
        while (sent < length) {
            int chunk = Math.min(length - sent, scratch.capacity());
            scratch.clear();
            scratch.put(data, offset + sent, chunk).flip();
            int written = channel.write(scratch);
            sent += written;
            if (written < chunk) {
                break;
            }
        }
        return sent;
    }

    private void writeReady() {
        if (lost) {
            return;
        }
        ByteBuffer scratch = SCRATCH.get();
        try {
            while (!writeBuffer.isEmpty()) {
                scratch.clear();
                writeBuffer.peek(scratch);
                scratch.flip();
                int chunk = scratch.remaining();
                int written = channel.write(scratch);
                writeBuffer.discard(written);
                if (written < chunk) {
                    break;
                }
            }
        } catch (IOException failure) {
            loop.removeWriter(channel);
            writeBuffer.clear();
            fatalError(failure, "Fatal write error on socket transport");
            return;
        }
        resumeWritingIfDrained();
        if (writeBuffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                connectionLost(null);
            } else if (eofWritten) {
                shutdownOutput();
            }
        }
    }

    private void pauseWritingIfFull() {
        if (writeBuffer.size() > highWater && !writingPaused) {
            writingPaused = true;
            protocol.pauseWriting();
        }
    }

    private void resumeWritingIfDrained() {
        if (writingPaused && writeBuffer.size() <= lowWater) {
            writingPaused = false;
            protocol.resumeWriting();
        }
    }

    /** How many bytes wait to be written, asyncio's {@code get_write_buffer_size}. */
    int writeBufferSize() {
        return writeBuffer.size();
    }

    int highWater() {
        return highWater;
    }

    int lowWater() {
        return lowWater;
    }

    /** Sets the water marks, asyncio's {@code set_write_buffer_limits}; {@code high >= low >= 0}. */
    void setWriteBufferLimits(int high, int low) {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        pauseWritingIfFull();
    }

    /** Shuts the output down once the buffer is written, asyncio's {@code write_eof}; the peer reads the end of the stream. */
    void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        if (writeBuffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException failure) {
            fatalError(failure, "Fatal error on shutting down the socket's output");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    /** Whether the transport is closing or closed, asyncio's {@code is_closing}. */
    boolean isClosing() {
        return closing;
    }

    /**
     * Stops reading, and once the buffered data is written closes the socket and tells the protocol
     * in a later iteration, asyncio's {@code close}. Idempotent.
     */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (writeBuffer.isEmpty()) {
            lost = true;
            loop.removeWriter(channel);
            loop.callSoon(() -> connectionLost(null));
        }
    }

    /** Closes at once, dropping the buffered data, asyncio's {@code abort}. */
    void abort() {
        forceClose(null);
    }

    /** A read or write failed: closes at once, and the protocol receives {@code failure}, asyncio's {@code _fatal_error}. */
    private void fatalError(Throwable failure, String message) {
        if (!(failure instanceof IOException)) {
            Sockets.reportToLoop(loop, message, failure, "transport", this);
        }
        forceClose(failure);
    }

    private void forceClose(Throwable failure) {
        if (lost) {
            return;
        }
        if (!writeBuffer.isEmpty()) {
            writeBuffer.clear();
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        lost = true;
        loop.callSoon(() -> connectionLost(failure));
    }

    /** Tells the protocol, then closes the socket, asyncio's {@code _call_connection_lost}. */
    private void connectionLost(Throwable failure) {
        lost = true;
        try {
            protocol.connectionLost(failure);
        } finally {
            Sockets.closeQuietly(loop, channel);
            if (server != null) {
                server.detach(this);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SocketTransport[");
        text.append(lost ? "closed" : closing ? "closing" : "open");
        if (peerAddress != null) {
            text.append(" peer=").append(peerAddress);
        }
        if (!writeBuffer.isEmpty()) {
            text.append(" buffered=").append(writeBuffer.size());
        }
        if (readingPaused) {
            text.append(" reading paused");
        }
        return text.append(']').toString();
    }
}
