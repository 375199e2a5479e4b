// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a connection's transport tells its streams, asyncio's {@code StreamReaderProtocol} with its
 * {@code FlowControlMixin}: data and the end of the stream go to the {@link StreamReader}; pausing
 * and resuming writing decide whether {@code drain()} waits; a lost connection ends the reader,
 * wakes the drains and completes {@code waitClosed()}. On the server side, the new connection is
 * handed to the server's callback, whose coroutine runs in a task of its own.
 */
final class StreamProtocol {
    private final EventLoop loop;
    private final StreamReader reader;

    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** The server's callback, {@code null} on the client side. */
    private final ClientConnectedCallback clientConnected;

    /** Whether the transport asked to stop writing: its buffer is above the high-water mark. */
    private boolean writingPaused;

    /** Whether the connection is lost. */
    private boolean connectionLost;

    /** The futures of the tasks waiting in {@code drain()}, one each, so that cancelling one cancels no other. */
    private final List<Future<Void>> drainWaiters = new ArrayList<>();

    /** Done when the connection is lost: with the failure that lost it, if one did. */
    private final Future<Void> closed;

    StreamProtocol(EventLoop loop, StreamReader reader, ClientConnectedCallback clientConnected) {
        this.loop = loop;
        this.reader = reader;
        this.clientConnected = clientConnected;
        this.closed = loop.createFuture();
    }

    /** The connection is made: on the server side, calls the callback and runs its coroutine in a new task. */
    void connectionMade(SocketTransport transport) {
        reader.setTransport(transport);
        if (clientConnected == null) {
            return;
        }
        Coroutine<?> handler;
        try {
            handler = clientConnected.connected(reader, new StreamWriter(transport, this, reader));
        } catch (RuntimeException failure) {
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
    private void handlerDone(Future<?> task, SocketTransport transport) {
        if (task.cancelled()) {
            transport.close();
            return;
        }
        Throwable failure = task.exception();
        if (failure != null) {
            handlerFailed(failure, transport);
        }
    }

    private void handlerFailed(Throwable failure, SocketTransport transport) {
        if (Sockets.isConnectionLost(failure) && loop.getExceptionHandler() == null && !loop.getDebug()) {
            // The peer's doing, not a bug: one line each, so that a client resetting its connections
            // cannot flood the log with stack traces. Debug mode and a custom handler see it all.
            LOGGER.log(Level.INFO, "client_connected_cb ended by a lost connection: " + failure + " (transport: "
                    + transport + "); debug mode logs the stack trace");
        } else {
            Sockets.reportToLoop(loop, "Unhandled exception in client_connected_cb", failure, "transport", transport);
        }
        transport.close();
    }

    void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    void eofReceived() {
        reader.feedEof();
    }

    /** The connection is lost, cleanly if {@code failure} is {@code null}. */
    void connectionLost(Throwable failure) {
        if (failure == null) {
            reader.feedEof();
        } else {
            reader.setException(failure);
        }
        if (failure == null) {
            closed.setResult(null);
        } else {
            closed.setException(failure);
            closed.exception(); // retrieved: the readers and drains see it, and waitClosed() need not be called
        }
        connectionLost = true;
        if (writingPaused) {
            for (Future<Void> waiter : drainWaiters) {
                if (waiter.done()) {
                    continue;
                }
                if (failure == null) {
                    waiter.setResult(null);
                } else {
                    waiter.setException(failure);
                }
            }
        }
    }

    void pauseWriting() {
        writingPaused = true;
    }

    void resumeWriting() {
        writingPaused = false;
        for (Future<Void> waiter : drainWaiters) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    boolean writingPaused() {
        return writingPaused;
    }

    boolean connectionLost() {
        return connectionLost;
    }

    /** A new future for a task that waits in {@code drain()}; it removes it with {@link #removeDrainWaiter}. */
    Future<Void> addDrainWaiter() {
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        return waiter;
    }

    void removeDrainWaiter(Future<Void> waiter) {
        drainWaiters.remove(waiter);
    }

    /** Done when the connection is lost. */
    Future<Void> closed() {
        return closed;
    }
}
