// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import static io.jasyncio.Asyncio.shield;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A server listening on one or more sockets, asyncio's {@code Server}: {@code createServer} and the
 * streams' {@code startServer} make it, serving. Each accepted connection gets a protocol from the
 * server's protocol factory and a transport that calls it (the streams' protocol hands the
 * connection's reader and writer to the client-connected callback).
 *
 * <p>{@link #close()} stops listening; the connections already accepted go on until their handlers
 * close them, or until {@link #closeClients()} or {@link #abortClients()} (asyncio 3.13) does.
 * {@link #waitClosed()} waits until the server is closed and every connection is, as asyncio 3.12.1
 * and later do (3.11's returns at once once the server is closed). Python's {@code async with
 * server:} is {@code try { ... } finally { server.close(); await(server.waitClosed()); }}. Loop thread
 * only.
 */
public final class Server implements AutoCloseable {
    /** How long accepting pauses after it failed, asyncio's {@code ACCEPT_RETRY_DELAY}, in seconds. */
    private static final double ACCEPT_RETRY_DELAY = 1;

    private final SelectorEventLoop loop;

    /** The listening sockets; {@code null} once closed. */
    private List<ServerSocketChannel> sockets;

    /** Where the sockets listen, in the order of {@link #sockets}. */
    private final List<SocketAddress> boundAddresses;

    /** The socket file of a Unix server, deleted on close; {@code null} for a TCP server. */
    private final Path unixSocketFile;

    /** Makes the protocol of each connection, on the loop that serves it. */
    private final Supplier<? extends BaseProtocol<?>> protocolFactory;

    /** The server's options: backlog, connection loops, TLS. */
    private final ServerOptions options;

    /** The most connections accepted per socket per iteration, and the length of the listening queue. */
    private final int backlog;

    /** The loops that serve the connections in turn; empty for this server's loop alone. */
    private final List<SelectorEventLoop> connectionLoops;

    /** Which of {@link #connectionLoops} serves the next connection. */
    private int nextConnectionLoop;

    /** Connections handed to another loop and not yet attached there: the server is not idle while any is. */
    private int connectionsInHandOff;

    /**
     * The connections accepted and not yet lost, in the order they were accepted; on this server's
     * loop only, connections on other loops reporting through {@code callSoonThreadsafe}.
     */
    private final Set<SocketTransport> clients = new LinkedHashSet<>();

    private boolean serving;

    /** Done once the server is closed and every connection is lost: what {@link #waitClosed()} awaits. */
    private final Future<Void> closedAndIdle;

    /** The future that {@link #serveForever()} waits on; {@code null} when nobody serves forever. */
    private Future<Void> servingForever;

    Server(SelectorEventLoop loop, List<ServerSocketChannel> sockets, List<SocketAddress> boundAddresses,
            Path unixSocketFile, Supplier<? extends BaseProtocol<?>> protocolFactory, ServerOptions options) {
        this.loop = loop;
        this.sockets = List.copyOf(sockets);
        this.boundAddresses = List.copyOf(boundAddresses);
        this.unixSocketFile = unixSocketFile;
        this.protocolFactory = protocolFactory;
        this.options = options;
        this.backlog = options.backlog();
        this.connectionLoops = options.connectionLoops();
        this.closedAndIdle = loop.createFuture();
    }

    /** The loop the server runs on. */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * The addresses the server listens on, asyncio's {@code [s.getsockname() for s in
     * server.sockets]}: with port 0, the ports the system chose. Still listed once closed.
     */
    public List<SocketAddress> getBoundAddresses() {
        return boundAddresses;
    }

    /**
     * The listening sockets, asyncio's {@code server.sockets}: empty once the server is closed. They
     * are the server's: closing or reconfiguring one behind its back leaves the server confused.
     */
    public List<ServerSocketChannel> getSockets() {
        List<ServerSocketChannel> listening = sockets;
        return listening == null ? List.of() : listening;
    }

    /** Whether the server accepts connections, asyncio's {@code is_serving}. */
    public boolean isServing() {
        return serving;
    }

    /** Starts accepting connections if it does not yet, asyncio's {@code start_serving}; {@code startServer} did. */
    public void startServing() {
        if (serving || sockets == null) {
            return;
        }
        serving = true;
        for (ServerSocketChannel socket : sockets) {
            listen(socket);
        }
    }

    private void listen(ServerSocketChannel socket) {
        loop.addReader(socket, () -> acceptConnections(socket));
    }

    /**
     * Accepts the connections waiting on {@code socket}, at most {@link #backlog} of them in one
     * iteration, so that a flood of connections does not starve the rest of the loop, as asyncio's
     * {@code _accept_connection}.
     */
    private void acceptConnections(ServerSocketChannel socket) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel accepted;
            try {
                accepted = socket.accept();
                if (accepted == null) {
                    return;
                }
            } catch (IOException failure) {
                pauseAccepting(socket, failure);
                return;
            }
            try {
                accepted.configureBlocking(false);
            } catch (IOException failure) {
                Sockets.closeQuietly(loop, accepted); // lost before it was ever used: the peer sees a closed connection
                continue;
            }
            serve(accepted, connectionLoops.isEmpty() ? loop : nextConnectionLoop());
        }
    }

    private SelectorEventLoop nextConnectionLoop() {
        SelectorEventLoop next = connectionLoops.get(nextConnectionLoop);
        nextConnectionLoop = (nextConnectionLoop + 1) % connectionLoops.size();
        return next;
    }

    /** Serves {@code accepted} on {@code connectionLoop}: here at once, or handed to that loop's thread. */
    private void serve(SocketChannel accepted, SelectorEventLoop connectionLoop) {
        if (connectionLoop == loop) {
            makeTransport(accepted, loop);
            return;
        }
        connectionsInHandOff++;
        try {
            connectionLoop.callSoonThreadsafe(() -> makeTransport(accepted, connectionLoop));
        } catch (IllegalStateException closedLoop) {
            connectionsInHandOff--;
            Sockets.closeQuietly(loop, accepted); // no loop is left to serve it: the peer sees a closed connection
        }
    }

    /**
     * Makes the protocol and the transport of {@code accepted} on {@code connectionLoop}, its thread,
     * asyncio's {@code _accept_connection2}. A factory that fails is reported to the loop's exception
     * handler and the connection closed; a TLS handshake that fails closes the connection, and is
     * reported in debug mode, as in asyncio.
     */
    private void makeTransport(SocketChannel accepted, SelectorEventLoop connectionLoop) {
        BaseProtocol<?> protocol = null;
        try {
            protocol = protocolFactory.get();
            if (options.ssl() == null) {
                new SocketTransport(connectionLoop, accepted, protocol, this, null);
                return;
            }
            Future<Void> waiter = connectionLoop.createFuture();
            Transport transport = TlsWrapping.wrapInTls(connectionLoop, accepted, protocol, options.ssl(), true, null,
                    options.sslHandshakeTimeout(), options.sslShutdownTimeout(), waiter, this);
            waiter.addDoneCallback(done -> {
                if (!done.cancelled() && done.exception() != null) {
                    transport.close();
                    if (connectionLoop.getDebug()) {
                        Sockets.reportToLoop(connectionLoop, "Error on transport creation for incoming connection",
                                done.exception(), "transport", transport);
                    }
                }
            });
        } catch (RuntimeException failure) {
            Sockets.closeQuietly(connectionLoop, accepted);
            if (connectionLoop != loop) {
                loop.callSoonThreadsafe(() -> {
                    connectionsInHandOff--;
                    wakeUpIfIdle();
                });
            }
            Sockets.reportToLoop(connectionLoop, "Error on transport creation for incoming connection", failure,
                    "protocol", protocol);
        }
    }

    /**
     * Accepting failed, typically because the process ran out of file descriptors: the system would
     * report the socket as ready again at once, so accepting pauses for a second, as in asyncio.
     */
    private void pauseAccepting(ServerSocketChannel socket, IOException failure) {
        Sockets.reportToLoop(loop, "socket.accept() out of system resource", failure, "socket", socket);
        loop.removeReader(socket);
        loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            if (serving) {
                listen(socket);
            }
        });
    }

    /** Counts a new connection, asyncio's {@code _attach}; from the connection's loop. */
    void attach(SocketTransport client) {
        if (client.getLoop() != loop) {
            loop.callSoonThreadsafe(() -> {
                connectionsInHandOff--;
                clients.add(client);
            });
            return;
        }
        clients.add(client);
    }

    /** A connection was lost, asyncio's {@code _detach}; from the connection's loop. */
    void detach(SocketTransport client) {
        if (client.getLoop() != loop) {
            try {
                loop.callSoonThreadsafe(() -> forget(client));
            } catch (IllegalStateException closedServerLoop) {
                // nobody can wait for the server of a closed loop
            }
            return;
        }
        forget(client);
    }

    private void forget(SocketTransport client) {
        clients.remove(client);
        wakeUpIfIdle();
    }

    private void wakeUpIfIdle() {
        if (sockets == null && clients.isEmpty() && connectionsInHandOff == 0 && !closedAndIdle.done()) {
            closedAndIdle.setResult(null);
        }
    }

    /**
     * Stops listening and closes the listening sockets, asyncio's {@code close}; the connections go
     * on. A Unix server deletes its socket file, as asyncio 3.13 does. Ends {@link #serveForever()}.
     * Idempotent.
     */
    @Override
    public void close() {
        List<ServerSocketChannel> listening = sockets;
        if (listening == null) {
            return;
        }
        sockets = null;
        serving = false;
        for (ServerSocketChannel socket : listening) {
            Sockets.closeQuietly(loop, socket);
        }
        if (unixSocketFile != null) {
            try {
                Files.deleteIfExists(unixSocketFile);
            } catch (IOException ignored) {
                // someone else removed or replaced it; the server is closed either way
            }
        }
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        wakeUpIfIdle();
    }

    /** Closes every connection once its buffered data is written, asyncio 3.13's {@code close_clients}. */
    public void closeClients() {
        for (SocketTransport client : new ArrayList<>(clients)) {
            onItsLoop(client, client::close);
        }
    }

    /** Closes every connection at once, dropping buffered data, asyncio 3.13's {@code abort_clients}. */
    public void abortClients() {
        for (SocketTransport client : new ArrayList<>(clients)) {
            onItsLoop(client, client::abort);
        }
    }

    /** Runs {@code action} on {@code client}'s loop: here, or through that loop's {@code callSoonThreadsafe}. */
    private void onItsLoop(SocketTransport client, Runnable action) {
        if (client.getLoop() == loop) {
            action.run();
            return;
        }
        try {
            client.getLoop().callSoonThreadsafe(action);
        } catch (IllegalStateException closedLoop) {
            // the connection's loop closed its connections as it closed
        }
    }

    /**
     * A future done once the server is closed and every connection it accepted is closed, asyncio
     * 3.12.1's {@code wait_closed()}. Cancelling it cancels only the wait.
     */
    public Future<Void> waitClosed() {
        return shield(closedAndIdle);
    }

    /**
     * A coroutine that serves until it is cancelled, asyncio's {@code serve_forever()}: cancelled (or
     * ended by {@link #close()}), it closes the server, waits for {@link #waitClosed()} and throws
     * {@link CancelledError}. {@link IllegalStateException} if the server is closed or another task
     * serves it forever already.
     */
    public Coroutine<Void> serveForever() {
        return new ServeForever();
    }

    @Override
    public String toString() {
        return "Server[" + (sockets == null ? "closed" : serving ? "serving" : "not serving")
                + " on " + boundAddresses + " connections=" + clients.size() + "]";
    }

    /** The coroutine of {@link #serveForever()}. */
    private final class ServeForever extends HandWrittenCoroutine<Void> {
        private static final int STOPPED = 1;
        private static final int CLOSED = 2;

        private Future<Void> forever;
        private CancelledError cancellation;

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    if (servingForever != null) {
                        throw new IllegalStateException("server " + Server.this + " is already being awaited on serveForever()");
                    }
                    if (sockets == null) {
                        throw new IllegalStateException("server " + Server.this + " is closed");
                    }
                    startServing();
                    forever = loop.createFuture();
                    servingForever = forever;
                    return await(STOPPED, forever);
                case STOPPED:
                    try {
                        awaited();
                        throw new IllegalStateException("serveForever() woken without cancellation"); // only cancel() completes it
                    } catch (CancelledError cancelled) {
                        cancellation = cancelled;
                    } finally {
                        if (servingForever == forever) {
                            servingForever = null;
                        }
                    }
                    close();
                    return await(CLOSED, waitClosed());
                case CLOSED:
                    try {
                        awaited();
                    } catch (CancelledError again) {
                        cancellation.addSuppressed(again);
                    }
                    throw cancellation;
                default:
                    throw badLabel(label);
            }
        }

        @Override
        protected String functionName() {
            return "serveForever";
        }
    }
}
