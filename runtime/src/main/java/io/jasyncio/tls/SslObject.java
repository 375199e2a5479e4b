// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.transports.WriteTransport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * A TLS session driven through memory buffers, what Python's {@code ssl.SSLObject} over two
 * {@code MemoryBIO}s is to asyncio's {@code SSLProtocol}: network bytes go in with
 * {@link #receiveBuffer}/{@link #received}, come out with {@link #flushTo}, and in between
 * {@link #handshake()}, {@link #read}, {@link #write} and {@link #shutdown()} drive the JDK's
 * {@link SSLEngine}. None of them blocks: where Python raises {@code SSLWantReadError}, these return
 * {@code false} or 0, and the caller tries again once more bytes have arrived.
 *
 * <p>The engine's delegated tasks (checking certificates, computing keys) run inline on the loop's
 * thread, as CPython's OpenSSL does its work inside {@code do_handshake()}. Loop thread only.
 */
final class SslObject {
    /** Where a wrap that sends no application data reads from. */
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

    /** The size of a TLS record's header: type, version, and the length of what follows, in bytes. */
    private static final int RECORD_HEADER = 5;

    private final SSLEngine engine;

    /** Network bytes received and not yet decrypted, kept ready to read (position to limit). */
    private ByteBuffer incoming;

    /** Decrypted bytes not yet read by the protocol, kept ready to read. */
    private ByteBuffer plaintext;

    /**
     * Where one wrap on this thread writes its record before it is copied into {@link #outgoing}: one
     * per loop rather than one per connection, as no call holds it across another.
     */
    private static final ThreadLocal<ByteBuffer> RECORD = new ThreadLocal<>();

    /** Encrypted records waiting to be sent, in order; {@link #outgoingSize} bytes in all. */
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();

    private int outgoingSize;

    /** Whether {@link SSLEngine#beginHandshake()} was called. */
    private boolean handshakeBegun;

    SslObject(SSLEngine engine) {
        this.engine = engine;
        int packetSize = engine.getSession().getPacketBufferSize();
        this.incoming = ByteBuffer.allocate(packetSize).flip();
        this.plaintext = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    SSLEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------------------------------------
    // The incoming network bytes, Python's incoming MemoryBIO

    /**
     * The free space at the end of the incoming bytes, at least {@code sizeHint} bytes (a record's
     * worth if less), for the transport to read into; {@link #received} then counts what it read.
     */
    ByteBuffer receiveBuffer(int sizeHint) {
        int packetSize = engine.getSession().getPacketBufferSize();
        int wanted = Math.max(sizeHint, packetSize);
        if (!incoming.hasRemaining() && incoming.capacity() > 2 * wanted) {
            incoming = ByteBuffer.allocate(wanted).flip(); // a burst is over: its memory goes
        }
        incoming.compact();
        if (incoming.remaining() < wanted) {
            ByteBuffer larger = ByteBuffer.allocate(incoming.position() + wanted);
            incoming.flip();
            larger.put(incoming);
            incoming = larger;
        }
        ByteBuffer free = incoming.slice();
        incoming.flip();
        return free;
    }

    /** {@code count} bytes were read into the buffer that {@link #receiveBuffer} returned last. */
    void received(int count) {
        incoming.limit(incoming.limit() + count);
    }

    /** How many received bytes wait to be decrypted, Python's {@code incoming.pending}. */
    int incomingSize() {
        return incoming.remaining();
    }

    // ---------------------------------------------------------------------------------------------
    // The outgoing network bytes, Python's outgoing MemoryBIO

    /** How many encrypted bytes wait to be sent, Python's {@code outgoing.pending}. */
    int outgoingSize() {
        return outgoingSize;
    }

    /** Writes every encrypted byte waiting to be sent to {@code transport}, Python's {@code transport.write(outgoing.read())}. */
    void flushTo(WriteTransport transport) {
        ByteBuffer next;
        while ((next = outgoing.poll()) != null) {
            outgoingSize -= next.remaining();
            transport.write(next);
        }
    }

    /** Drops what waits to be sent, as the connection is lost. */
    void dropOutgoing() {
        outgoing.clear();
        outgoingSize = 0;
    }

    // ---------------------------------------------------------------------------------------------
    // The session

    /**
     * Takes the handshake as far as the received bytes allow, Python's {@code do_handshake()}: true
     * once it is complete, false if it needs more bytes from the peer (what it has to send is queued).
     * Throws the engine's {@link SSLException} if the handshake fails; the alert that tells the peer
     * why is then queued by {@link #queueAlert()}.
     */
    boolean handshake() throws SSLException {
        if (!handshakeBegun) {
            handshakeBegun = true;
            engine.beginHandshake();
        }
        HandshakeStatus status = engine.getHandshakeStatus();
        while (true) {
            switch (status) {
                case FINISHED, NOT_HANDSHAKING:
                    return true;
                case NEED_TASK:
                    status = runDelegatedTasks();
                    break;
                case NEED_WRAP:
                    status = wrap(NO_DATA).getHandshakeStatus();
                    if (engine.isOutboundDone()) {
                        throw new SSLException("the TLS engine closed during the handshake");
                    }
                    break;
                default: // NEED_UNWRAP and NEED_UNWRAP_AGAIN
                    SSLEngineResult result = unwrap();
                    if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                        return false;
                    }
                    if (result.getStatus() == Status.CLOSED) {
                        throw new SSLException("the peer closed the TLS session during the handshake");
                    }
                    status = result.getHandshakeStatus();
            }
        }
    }

    /**
     * Decrypts into {@code destination}, Python's {@code read()}: the number of bytes read, 0 if the
     * received bytes hold no complete record (Python's {@code SSLWantReadError}), or -1 once the peer
     * sent close_notify and everything before it was read.
     */
    int read(ByteBuffer destination) throws SSLException {
        while (!plaintext.hasRemaining()) {
            if (engine.isInboundDone()) {
                return -1;
            }
            SSLEngineResult result = unwrap();
            answerHandshakeMessages(result.getHandshakeStatus());
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                return 0;
            }
        }
        int count = Math.min(plaintext.remaining(), destination.remaining());
        destination.put(destination.position(), plaintext, plaintext.position(), count);
        destination.position(destination.position() + count);
        plaintext.position(plaintext.position() + count);
        return count;
    }

    /**
     * Encrypts the remaining bytes of {@code data} into records waiting to be sent, Python's
     * {@code write()}: all of them, unless the peer began a new handshake that needs its answer
     * first, in which case the rest stays in {@code data} (Python's {@code SSLWantReadError}).
     */
    void write(ByteBuffer data) throws SSLException {
        while (data.hasRemaining()) {
            SSLEngineResult result = wrap(data);
            if (result.getStatus() == Status.CLOSED) {
                throw new SSLException("cannot write: the TLS session is closed");
            }
            HandshakeStatus status = answerHandshakeMessages(result.getHandshakeStatus());
            if (result.bytesConsumed() == 0 && (status == HandshakeStatus.NEED_UNWRAP || result.bytesProduced() == 0)) {
                return;
            }
        }
    }

    /**
     * Sends close_notify once and reads, dropping any data, until the peer's close_notify arrives,
     * Python's {@code unwrap()}: true once both are done, false if the peer's has not arrived yet.
     */
    boolean shutdown() throws SSLException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            if (wrap(NO_DATA).bytesProduced() == 0) {
                break;
            }
        }
        while (!engine.isInboundDone()) {
            plaintext.clear().flip(); // data that arrives after our close_notify is not read
            SSLEngineResult result = unwrap();
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                return false;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            }
        }
        return true;
    }

    /**
     * Queues the alert that the engine has to send after a failure, so that the peer learns why the
     * handshake failed ("certificate_unknown", "handshake_failure"). A failure to do so is ignored:
     * the connection is being aborted for the first one.
     */
    void queueAlert() {
        try {
            for (int records = 0; records < 8 && !engine.isOutboundDone(); records++) {
                if (wrap(NO_DATA).bytesProduced() == 0) {
                    return;
                }
            }
        } catch (SSLException | RuntimeException alreadyFailed) {
            // see above
        }
    }

    /**
     * Whether the received bytes end in part of a record: the peer closed its connection in the
     * middle of one, which a close_notify would have prevented.
     */
    boolean endsInPartialRecord() {
        if (engine.isInboundDone()) {
            return false;
        }
        int next = incoming.position();
        while (incoming.limit() - next >= RECORD_HEADER) {
            next += RECORD_HEADER + ((incoming.get(next + 3) & 0xff) << 8 | incoming.get(next + 4) & 0xff);
        }
        return next != incoming.limit();
    }

    // ---------------------------------------------------------------------------------------------
    // The engine

    /**
     * After a read or write, does what the engine asks of a session already established: runs its
     * tasks and sends its replies (a TLS 1.3 key update, a TLS 1.2 renegotiation). Returns the status
     * left, {@code NEED_UNWRAP} if the engine waits for the peer.
     */
    private HandshakeStatus answerHandshakeMessages(HandshakeStatus status) throws SSLException {
        while (true) {
            if (status == HandshakeStatus.NEED_TASK) {
                status = runDelegatedTasks();
            } else if (status == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                status = wrap(NO_DATA).getHandshakeStatus();
            } else {
                return status;
            }
        }
    }

    private HandshakeStatus runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** Decrypts one record from the incoming bytes into {@link #plaintext}, growing it if the engine asks. */
    private SSLEngineResult unwrap() throws SSLException {
        while (true) {
            plaintext.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(incoming, plaintext);
            } finally {
                plaintext.flip();
            }
            if (result.getStatus() != Status.BUFFER_OVERFLOW) {
                return result;
            }
            plaintext = grown(plaintext, engine.getSession().getApplicationBufferSize());
        }
    }

    /** Encrypts from {@code data} into one record and queues it, growing the record buffer if the engine asks. */
    private SSLEngineResult wrap(ByteBuffer data) throws SSLException {
        ByteBuffer record = RECORD.get();
        int packetSize = engine.getSession().getPacketBufferSize();
        if (record == null || record.capacity() < packetSize) {
            record = ByteBuffer.allocate(packetSize);
            RECORD.set(record);
        }
        while (true) {
            record.clear();
            SSLEngineResult result = engine.wrap(data, record);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                record = ByteBuffer.allocate(record.capacity() + packetSize);
                RECORD.set(record);
                continue;
            }
            record.flip();
            if (record.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(record.remaining());
                copy.put(record).flip();
                outgoing.add(copy);
                outgoingSize += copy.remaining();
            }
            return result;
        }
    }

    /** {@code buffer}, ready to read, in a larger one with room for {@code more} bytes. */
    private static ByteBuffer grown(ByteBuffer buffer, int more) {
        ByteBuffer larger = ByteBuffer.allocate(buffer.remaining() + more);
        larger.put(buffer).flip();
        return larger;
    }

    @Override
    public String toString() {
        return "SslObject[" + engine.getHandshakeStatus() + " incoming=" + incoming.remaining() + " outgoing=" + outgoingSize + "]";
    }
}
