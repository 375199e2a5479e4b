// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.transports.BufferedProtocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol that puts a {@link StreamReader} and a {@link StreamWriter} over any
 * {@link Transport}, asyncio's {@code StreamReaderProtocol}: data and the end of the stream go to
 * the reader; pausing and resuming writing decide whether {@code drain()} waits; a lost connection
 * ends the reader, wakes the drains and completes {@code waitClosed()}. On the server side, the new
 * connection is handed to the server's callback, whose coroutine runs in a task of its own.
 *
 * <p>Unlike asyncio's, it is a {@link BufferedProtocol}: the transport reads into the loop thread's
 * scratch buffer, and the reader copies the bytes into its own buffer, with no array made per read.
 * Loop thread only.
 */
public final class StreamProtocol extends FlowControl implements BufferedProtocol {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** How many bytes one read moves at most. */
    private static final int READ_CHUNK = 64 * 1024;

    /** The scratch buffer of the thread's loop that every stream's transport reads into; no callback holds it across another. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_CHUNK));

    private final StreamReader reader;

    /** The server's callback, {@code null} on the client side. */
    private final ClientConnectedCallback clientConnected;

    /** Whether the transport is TLS, whose end of input closes the connection: then {@link #eofReceived()} returns false. */
    private boolean overTls;

    /** Done when the connection is lost: with the failure that lost it, if one did. */
    private final Future<Void> closed;

    /**
     * The protocol of a connection on {@code loop} that feeds {@code reader}, asyncio's
     * {@code StreamReaderProtocol(reader, client_connected_cb)}; {@code clientConnected} is
     * {@code null} on the client side, where the caller makes the {@link StreamWriter}.
     */
    public StreamProtocol(EventLoop loop, StreamReader reader, ClientConnectedCallback clientConnected) {
        super(loop);
        this.reader = reader;
        this.clientConnected = clientConnected;
        this.closed = loop.createFuture();
    }

    /** The connection is made: on the server side, calls the callback and runs its coroutine in a new task. */
    @Override
    public void connectionMade(Transport transport) {
        reader.setTransport(transport);
        overTls = transport.getExtraInfo("sslcontext") != null;
        if (clientConnected == null) {
            return;
        }
        Coroutine<?> handler;
        try {
            handler = clientConnected.connected(reader, new StreamWriter(transport, this, reader, loop));
        } catch (RuntimeException | IOException failure) {
            handlerFailed(failure, transport);
            return;
        }
        if (handler != null) {
            Task<?> task = loop.createTask(handler);
            task.addDoneCallback(done -> handlerDone(done, transport));
        }
    }

    /**
     * The handler's task ended, asyncio 3.12's callback: a failure goes to the exception handler and a
     * failed or cancelled handler's connection is closed, so that it never stays open unowned.
     */
    private void handlerDone(Future<?> task, Transport transport) {
        if (task.cancelled()) {
            transport.close();
            return;
        }
        Throwable failure = task.exception();
        if (failure != null) {
            handlerFailed(failure, transport);
        }
    }

    private void handlerFailed(Throwable failure, Transport transport) {
        if (isConnectionLoss(failure) && loop.getExceptionHandler() == null && !loop.getDebug()) {
            // The peer's doing, not a bug: one line each, so that a client resetting its connections
            // cannot flood the log with stack traces. Debug mode and a custom handler see it all.
            LOGGER.log(Level.INFO, "client_connected_cb ended by a lost connection: " + failure + " (transport: "
                    + transport + "); debug mode logs the stack trace");
        } else {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Unhandled exception in client_connected_cb");
            context.put("exception", failure);
            context.put("transport", transport);
            loop.callExceptionHandler(context);
        }
        transport.close();
    }

    /**
     * Whether {@code failure} is the connection's loss, the peer's doing rather than a bug: a reset
     * ({@link SocketException}, Python's {@code ConnectionResetError}) or a broken pipe.
     */
    private static boolean isConnectionLoss(Throwable failure) {
        return failure instanceof SocketException
                || failure instanceof IOException && "Broken pipe".equals(failure.getMessage());
    }

    /** The loop thread's scratch buffer, cleared: the transport reads into it. */
    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return SCRATCH.get().clear();
    }

    /** The transport read {@code byteCount} bytes into the scratch buffer: they go to the reader. */
    @Override
    public void bufferUpdated(int byteCount) {
        ByteBuffer scratch = SCRATCH.get();
        scratch.limit(scratch.position() + byteCount);
        reader.feedData(scratch);
    }

    /**
     * The peer closed its side: the reader reaches the end of the stream, and the connection stays
     * open for writing (returns {@code true}), except over TLS, asyncio's {@code eof_received}.
     */
    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return !overTls;
    }

    /** The connection is lost, cleanly if {@code failure} is {@code null}: the reader ends or fails, {@code waitClosed()} is done. */
    @Override
    public void connectionLost(Exception failure) {
        if (failure == null) {
            reader.feedEof();
        } else {
            reader.setException(failure);
        }
        if (!closed.done()) {
            if (failure == null) {
                closed.setResult(null);
            } else {
                closed.setException(failure);
                closed.exception(); // retrieved: the readers and drains see it, and waitClosed() need not be called
            }
        }
        super.connectionLost(failure);
    }

    @Override
    protected Future<Void> closeWaiter() {
        return closed;
    }

    @Override
    public String toString() {
        return "StreamProtocol[" + (isConnectionLost() ? "lost" : "connected") + (writingPaused() ? " writing paused" : "")
                + (clientConnected == null ? "" : " server side") + "]";
    }
}
