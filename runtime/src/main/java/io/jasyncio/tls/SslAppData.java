// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.tls.SslProtocol.AppState;
import io.jasyncio.tls.SslProtocol.State;
import io.jasyncio.transports.BufferedProtocol;
import io.jasyncio.transports.Protocol;
import io.jasyncio.transports.WriteFlowControl;
import io.jasyncio.transports.WriteTransport.WriteBufferLimits;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import javax.net.ssl.SSLException;

/**
 * The application's data through a {@link SslProtocol}, the "incoming flow" and "outgoing flow" of
 * asyncio's {@code SSLProtocol}: decrypted data goes to the application protocol as its
 * {@code dataReceived} (one array for all that one read decrypts) or into its buffers; written data
 * is encrypted at once while the session is established, and queued otherwise.
 *
 * <p>Flow control both ways, with asyncio's marks for TLS: the application is paused when the
 * encrypted data waiting for the raw transport and the plain data waiting to be encrypted pass
 * 512 KiB, and resumed at a quarter of it (the transports' {@link WriteFlowControl}); the raw transport stops reading when the received records
 * that the paused application has not taken reach 256 KiB, and reads again at a quarter of it.
 * Loop thread only.
 */
final class SslAppData {
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}, in bytes. */
    static final int READ_HIGH_WATER = 256 * 1024;

    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}, in bytes. */
    static final int WRITE_HIGH_WATER = 512 * 1024;

    /** After this many writes to a lost connection, each one logs a warning, asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    /** What one {@code dataReceived} holds at first, in bytes; it grows to all that one read decrypts. */
    private static final int COPY_BUFFER_SIZE = 16 * 1024;

    private final SslProtocol protocol;
    private final SslObject ssl;

    /** Plain data written while it could not be encrypted, each buffer the application's no longer. */
    private final ArrayDeque<ByteBuffer> writeBacklog = new ArrayDeque<>();

    /** The bytes in {@link #writeBacklog}. */
    private int writeBacklogSize;

    /** How many writes came after the session closed, asyncio's {@code _conn_lost}. */
    private int lostWrites;

    /** Whether the raw transport asked to pause writing: records wait in {@link SslObject}. */
    private boolean sslWritingPaused;

    /** Whether the application asked to pause reading: records wait in {@link SslObject}. */
    private boolean appReadingPaused;

    /** Whether this paused the raw transport's reading. */
    private boolean sslReadingPaused;

    /** The marks that pause and resume the application's writing, 512 KiB and 128 KiB at first. */
    private final WriteFlowControl appWriting;

    private int incomingHighWater = READ_HIGH_WATER;
    private int incomingLowWater = READ_HIGH_WATER / 4;

    /** Where decrypted data gathers for an application {@link Protocol}. */
    private ByteBuffer copyBuffer;

    SslAppData(SslProtocol protocol, SslAppTransport appTransport) {
        this.protocol = protocol;
        this.ssl = protocol.ssl;
        this.appWriting = new WriteFlowControl(protocol.loop, appTransport);
        appWriting.setLimits(WRITE_HIGH_WATER, -1, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Outgoing

    /** The application writes {@code data}, asyncio's {@code _write_appdata}: encrypted now if the session is established. */
    void write(ByteBuffer data) {
        State state = protocol.state;
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            if (lostWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                SslProtocol.LOGGER.log(Level.WARNING, "SSL connection is closed");
            }
            lostWrites++;
            return;
        }
        try {
            if (state == State.WRAPPED && writeBacklog.isEmpty()) {
                ssl.write(data);
            }
            if (data.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                writeBacklog.add(copy);
                writeBacklogSize += copy.remaining();
            }
            if (state == State.WRAPPED) {
                doWrite();
            }
        } catch (SSLException | RuntimeException failed) {
            protocol.fatalError(failed, "Fatal error on SSL protocol");
        }
    }

    /** Encrypts what the backlog holds, as far as the session allows, then sends, asyncio's {@code _do_write}. */
    void doWrite() {
        try {
            ByteBuffer head;
            while ((head = writeBacklog.peek()) != null) {
                int before = head.remaining();
                ssl.write(head);
                writeBacklogSize -= before - head.remaining();
                if (head.hasRemaining()) {
                    break; // the peer's handshake message comes first, asyncio's SSLWantReadError
                }
                writeBacklog.poll();
            }
        } catch (SSLException failed) {
            protocol.fatalError(failed, "Fatal error on SSL protocol");
            return;
        }
        processOutgoing();
    }

    /** Sends the records waiting, unless the raw transport is paused, asyncio's {@code _process_outgoing}. */
    void processOutgoing() {
        if (!sslWritingPaused && protocol.transport != null) {
            ssl.flushTo(protocol.transport);
        }
        controlAppWriting();
    }

    void sslWritingPaused(boolean paused) {
        sslWritingPaused = paused;
    }

    /** Drops what waits to be sent, as the connection is lost. */
    void dropOutgoing() {
        writeBacklog.clear();
        writeBacklogSize = 0;
        ssl.dropOutgoing();
        lostWrites++;
    }

    /** Pauses or resumes the application's writing by the size of what waits, asyncio's {@code _control_app_writing}. */
    void controlAppWriting() {
        if (protocol.transport == null) {
            return; // the application was told that the connection is lost: it hears nothing more
        }
        int size = writeBufferSize();
        appWriting.maybePauseProtocol(size);
        appWriting.maybeResumeProtocol(size);
    }

    /** The encrypted bytes waiting for the raw transport and the plain ones waiting to be encrypted, asyncio's {@code _get_write_buffer_size}. */
    int writeBufferSize() {
        return ssl.outgoingSize() + writeBacklogSize;
    }

    /** Sets the marks, asyncio's {@code set_write_buffer_limits} for TLS: both negative is 512 KiB and 128 KiB. */
    void setWriteBufferLimits(int high, int low) {
        appWriting.setLimits(high < 0 && low < 0 ? WRITE_HIGH_WATER : high, low, writeBufferSize());
        controlAppWriting();
    }

    WriteBufferLimits writeBufferLimits() {
        return appWriting.limits();
    }

    // ---------------------------------------------------------------------------------------------
    // Incoming

    /** Gives the application what can be decrypted, unless it paused reading, asyncio's {@code _do_read}. */
    void doRead() {
        State state = protocol.state;
        if (state != State.WRAPPED && state != State.FLUSHING) {
            return;
        }
        try {
            if (!appReadingPaused) {
                if (protocol.appProtocol instanceof BufferedProtocol buffered) {
                    readBuffered(buffered);
                } else {
                    readCopied();
                }
                if (!writeBacklog.isEmpty()) {
                    doWrite();
                } else {
                    processOutgoing();
                }
            }
            controlSslReading();
        } catch (SSLException | RuntimeException failed) {
            protocol.fatalError(failed, "Fatal error on SSL protocol");
        }
    }

    /**
     * Decrypts into the application's buffer until it is full or nothing is left, asyncio's
     * {@code _do_read__buffered}; a full buffer reads again in the next iteration.
     */
    private void readBuffered(BufferedProtocol buffered) throws SSLException {
        ByteBuffer buffer = buffered.getBuffer(ssl.incomingSize()).slice();
        int wanted = buffer.remaining();
        if (wanted == 0) {
            throw new IllegalStateException("getBuffer() returned a buffer with no room: " + buffered);
        }
        int count;
        while ((count = ssl.read(buffer)) > 0 && buffer.hasRemaining()) {
            // reads on until the buffer is full or no whole record is left
        }
        int read = wanted - buffer.remaining();
        if (read == wanted) {
            protocol.loop.callSoon(this::doRead);
        }
        if (read > 0) {
            buffered.bufferUpdated(read);
        }
        if (count < 0) {
            closeNotifyReceived();
        }
    }

    /** Decrypts all that can be and gives it to the application in one array, asyncio's {@code _do_read__copied}. */
    private void readCopied() throws SSLException {
        if (copyBuffer == null) {
            copyBuffer = ByteBuffer.allocate(COPY_BUFFER_SIZE);
        }
        copyBuffer.clear();
        int count;
        while ((count = ssl.read(copyBuffer)) > 0) {
            if (!copyBuffer.hasRemaining()) {
                copyBuffer = ByteBuffer.allocate(copyBuffer.capacity() * 2).put(copyBuffer.flip());
            }
        }
        if (copyBuffer.position() > 0 && protocol.appProtocol instanceof Protocol streaming) {
            byte[] data = Arrays.copyOf(copyBuffer.array(), copyBuffer.position());
            if (copyBuffer.capacity() > COPY_BUFFER_SIZE) {
                copyBuffer = null; // a burst needed more: the memory goes back with it
            }
            streaming.dataReceived(data);
        }
        if (count < 0) {
            closeNotifyReceived();
        }
    }

    /** The peer sent close_notify: the application reads the end of the stream and the session closes. */
    private void closeNotifyReceived() {
        callEofReceived();
        protocol.startShutdown();
    }

    /** Tells the application that the stream ended, once, asyncio's {@code _call_eof_received}. */
    void callEofReceived() {
        try {
            if (protocol.appState == AppState.CON_MADE) {
                protocol.appState = AppState.EOF;
                boolean keepOpen = protocol.appProtocol instanceof Protocol streaming ? streaming.eofReceived()
                        : protocol.appProtocol instanceof BufferedProtocol buffered && buffered.eofReceived();
                if (keepOpen) {
                    SslProtocol.LOGGER.log(Level.WARNING, "returning true from eofReceived() has no effect when using ssl");
                }
            }
        } catch (RuntimeException failed) {
            protocol.fatalError(failed, "Error calling eof_received()");
        }
    }

    boolean readingPaused() {
        return appReadingPaused;
    }

    /** The application stops reading, asyncio's {@code _pause_reading}: records wait here. */
    void pauseReading() {
        appReadingPaused = true;
    }

    /** The application reads again, from the next iteration, asyncio's {@code _resume_reading}. */
    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        protocol.loop.callSoon(() -> {
            switch (protocol.state) {
                case WRAPPED -> doRead();
                case FLUSHING -> protocol.doFlush();
                case SHUTDOWN -> protocol.doShutdown();
                default -> { }
            }
        });
    }

    /** Pauses or resumes the raw transport's reading by the size of what waits here, asyncio's {@code _control_ssl_reading}. */
    void controlSslReading() {
        int size = ssl.incomingSize();
        if (size >= incomingHighWater && !sslReadingPaused) {
            sslReadingPaused = true;
            protocol.transport.pauseReading();
        } else if (size <= incomingLowWater && sslReadingPaused) {
            sslReadingPaused = false;
            protocol.transport.resumeReading();
        }
    }

    @Override
    public String toString() {
        return "SslAppData[buffered=" + writeBufferSize() + (appWriting.isProtocolPaused() ? " writing paused" : "")
                + (appReadingPaused ? " reading paused" : "") + "]";
    }
}
