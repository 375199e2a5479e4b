// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.internal.StreamBuffer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP or Unix domain socket driven by the selector, asyncio's
 * {@code _SelectorSocketTransport}: it reads whatever arrives into its {@link Protocol} (a new array
 * each read) or {@link BufferedProtocol} (into the protocol's buffer), and buffers what it cannot
 * write at once.
 *
 * <p>The protocol's calls come as in asyncio: {@code connectionMade} in the iteration after the
 * transport is made, then reading starts; {@code dataReceived} (or {@code getBuffer} and
 * {@code bufferUpdated}) per read; {@code eofReceived} at the end of the peer's stream, which closes
 * the transport unless it returns {@code true}; {@code connectionLost} last, in an iteration of its
 * own, after which the socket is closed. A protocol callback that throws is a fatal error: the
 * transport closes at once and the protocol's {@code connectionLost} receives the exception, as
 * asyncio's "Fatal error: protocol.data_received() call failed.".
 *
 * <p>Writing: {@link #write} sends at once if nothing is buffered, and buffers what the socket does
 * not take; the buffer is written as the socket becomes writable, with {@link WriteFlowControl}'s
 * pause and resume calls at its marks. {@link #close()} stops reading, writes what is buffered, then
 * closes; {@link #abort()} drops the buffer and closes at once. A read or write that fails closes the
 * transport the same way, and the protocol receives the exception: {@link IOException}s, the peer's
 * doing, are not reported to the loop's exception handler, as asyncio does not report
 * {@code OSError}s; anything else is. Loop thread only.
 */
final class SocketTransport implements Transport {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** How many bytes one read or write system call moves at most. */
    private static final int IO_CHUNK = 64 * 1024;

    /** After this many writes to a lost connection, each further one logs a warning, asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int WRITES_AFTER_LOSS_LOGGED = 5;

    /**
     * The scratch buffer of the thread's loop, through which every socket read for a {@link Protocol}
     * and every write goes: a direct buffer, so the JDK copies nothing more, and one per loop rather
     * than one per connection. No callback holds it across another.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(IO_CHUNK));

    private final SelectorEventLoop loop;
    private final SocketChannel channel;

    /** The protocol called; either {@link #dataProtocol} or {@link #bufferedProtocol} is it too. */
    private BaseProtocol<Transport> protocol;

    /** The protocol if it is a {@link Protocol} and not a {@link BufferedProtocol}, else {@code null}. */
    private Protocol dataProtocol;

    /** The protocol if it is a {@link BufferedProtocol}, else {@code null}. */
    private BufferedProtocol bufferedProtocol;

    /** The server that accepted the connection, told when it is lost; {@code null} on the client side. */
    private final Server server;

    private final SocketAddress peerAddress;
    private final SocketAddress localAddress;

    /** What {@link #write} could not send yet. */
    private final StreamBuffer writeBuffer = new StreamBuffer();

    private final WriteFlowControl flowControl;

    /** Whether the protocol asked to stop reading from the socket. */
    private boolean readingPaused;

    /** Whether {@link #close()} or a failure began closing: no more reading, and the socket closes once written. */
    private boolean closing;

    /** Whether {@link #writeEof()} was called: the socket's output shuts down once the buffer is written. */
    private boolean eofWritten;

    /** Whether the connection is lost or about to be: {@link #connectionLost} is scheduled or ran. */
    private boolean lost;

    /** How many writes came after the connection was lost, asyncio's {@code _conn_lost - 1}. */
    private int writesAfterLoss;

    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;

    /**
     * Drives {@code channel}, connected and non-blocking, for {@code protocol}. In the next iteration
     * the protocol's {@code connectionMade} is called, reading begins, and then {@code waiter}, if not
     * {@code null}, is completed.
     */
    SocketTransport(SelectorEventLoop loop, SocketChannel channel, BaseProtocol<?> protocol, Server server, Future<Void> waiter) {
        this.loop = loop;
        this.channel = channel;
        this.server = server;
        this.peerAddress = addressOrNull(channel, true);
        this.localAddress = addressOrNull(channel, false);
        this.flowControl = new WriteFlowControl(loop, this);
        setProtocol(protocol);
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
        BaseProtocol<Transport> first = this.protocol; // as asyncio, the protocol of now, whatever setProtocol does meanwhile
        loop.callSoon(() -> first.connectionMade(this));
        loop.callSoon(() -> {
            if (isReading()) {
                loop.addReader(channel, readReady);
            }
        });
        if (waiter != null) {
            loop.callSoon(() -> {
                if (!waiter.cancelled()) {
                    waiter.setResult(null);
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

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        switch (name) {
            case "peername":
                return peerAddress;
            case "sockname":
                return localAddress;
            case "socket":
                return channel;
            default:
                return defaultValue;
        }
    }

    /** {@inheritDoc} {@link IllegalArgumentException} unless it is a {@link Protocol} or a {@link BufferedProtocol}. */
    @Override
    @SuppressWarnings("unchecked") // both kinds are BaseProtocol<Transport>
    public void setProtocol(BaseProtocol<?> protocol) {
        if (protocol instanceof BufferedProtocol buffered) {
            bufferedProtocol = buffered;
            dataProtocol = null;
        } else if (protocol instanceof Protocol data) {
            dataProtocol = data;
            bufferedProtocol = null;
        } else {
            throw new IllegalArgumentException("a stream transport calls a Protocol or a BufferedProtocol, not " + protocol);
        }
        this.protocol = (BaseProtocol<Transport>) protocol;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    private void readReady() {
        if (lost) {
            return;
        }
        if (bufferedProtocol != null) {
            readIntoProtocolBuffer();
        } else {
            readAndDeliver();
        }
    }

    /** asyncio's {@code _read_ready__get_buffer}. */
    private void readIntoProtocolBuffer() {
        ByteBuffer buffer;
        try {
            buffer = bufferedProtocol.getBuffer(-1);
            if (buffer == null || !buffer.hasRemaining()) {
                throw new IllegalStateException("getBuffer() returned an empty buffer: " + buffer);
            }
        } catch (RuntimeException failure) {
            fatalError(failure, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int position = buffer.position();
        int count;
        try {
            count = channel.read(buffer);
        } catch (IOException failure) {
            fatalError(failure, "Fatal read error on socket transport");
            return;
        } finally {
            buffer.position(position); // the protocol finds the bytes from where it said
        }
        if (count < 0) {
            readEof();
        } else if (count > 0) {
            try {
                bufferedProtocol.bufferUpdated(count);
            } catch (RuntimeException failure) {
                fatalError(failure, "Fatal error: protocol.buffer_updated() call failed.");
            }
        }
    }

    /** asyncio's {@code _read_ready__data_received}. */
    private void readAndDeliver() {
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
            readEof();
        } else if (count > 0) {
            byte[] data = new byte[count];
            scratch.flip().get(data);
            try {
                dataProtocol.dataReceived(data);
            } catch (RuntimeException failure) {
                fatalError(failure, "Fatal error: protocol.data_received() call failed.");
            }
        }
    }

    /** The peer closed its side, asyncio's {@code _read_ready__on_eof}: closes unless the protocol keeps the transport open. */
    private void readEof() {
        boolean keepOpen;
        try {
            keepOpen = bufferedProtocol != null ? bufferedProtocol.eofReceived() : dataProtocol.eofReceived();
        } catch (RuntimeException failure) {
            fatalError(failure, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            loop.removeReader(channel); // open for writing, but nothing more can be read
        } else {
            close();
        }
    }

    @Override
    public boolean isReading() {
        return !closing && !readingPaused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        loop.addReader(channel, readReady);
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    /**
     * {@inheritDoc} At once as far as the socket takes them, the rest later. Ignored once the
     * connection is lost; {@link IllegalStateException} after {@link #writeEof()}.
     */
    @Override
    public void write(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        if (!acceptsWrite(length)) {
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
        flowControl.maybePauseProtocol(writeBuffer.size());
    }

    @Override
    public void write(ByteBuffer data) {
        if (data.hasArray()) {
            write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        if (!acceptsWrite(data.remaining())) {
            data.position(data.limit());
            return;
        }
        if (writeBuffer.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException failure) {
                fatalError(failure, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, writeReady);
        }
        writeBuffer.append(data);
        flowControl.maybePauseProtocol(writeBuffer.size());
    }

    /** As asyncio 3.11's: the chunks joined, written at once. */
    @Override
    public void writelines(Iterable<byte[]> chunks) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call writelines() after write_eof()");
        }
        int total = 0;
        for (byte[] chunk : chunks) {
            total = Math.addExact(total, chunk.length);
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, joined, at, chunk.length);
            at += chunk.length;
        }
        write(joined, 0, total);
    }

    /** Whether a write of {@code length} bytes goes ahead: not empty, and the connection not lost (warned past a few). */
    private boolean acceptsWrite(int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        if (length == 0) {
            return false;
        }
        if (lost) {
            if (++writesAfterLoss >= WRITES_AFTER_LOSS_LOGGED) {
                LOGGER.log(Level.WARNING, "socket.send() raised exception.");
            }
            return false;
        }
        return true;
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
        flowControl.maybeResumeProtocol(writeBuffer.size()); // may write more
        if (writeBuffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                connectionLost(null);
            } else if (eofWritten) {
                shutdownOutput();
            }
        }
    }

    @Override
    public int getWriteBufferSize() {
        return writeBuffer.size();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flowControl.setLimits(high, low, writeBuffer.size());
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return flowControl.limits();
    }

    @Override
    public void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        if (writeBuffer.isEmpty()) {
            shutdownOutput();
        }
    }

    /** Always: a socket's sending half can be shut down alone. */
    @Override
    public boolean canWriteEof() {
        return true;
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

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
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

    @Override
    public void abort() {
        forceClose(null);
    }

    /** A read, a write or a protocol call failed: closes at once, and the protocol receives {@code failure}, asyncio's {@code _fatal_error}. */
    private void fatalError(Exception failure, String message) {
        if (!(failure instanceof IOException)) {
            Sockets.reportToLoop(loop, message, failure, "transport", this);
        }
        forceClose(failure);
    }

    private void forceClose(Exception failure) {
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
    private void connectionLost(Exception failure) {
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
