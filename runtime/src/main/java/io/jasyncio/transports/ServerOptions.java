// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of asyncio's {@code create_server} and {@code start_server} beyond the
 * protocol factory or callback, host and port, as an immutable value:
 * {@code ServerOptions.DEFAULTS.withReusePort(true)}.
 */
public final class ServerOptions {
    /**
     * asyncio's defaults: a 64 KiB reader limit, a backlog of 100, no {@code SO_REUSEPORT}, no TLS,
     * 60 s for a TLS handshake and 30 s for a TLS shutdown, accepting at once.
     */
    public static final ServerOptions DEFAULTS = new ServerOptions();

    private int limit = 64 * 1024;
    private int backlog = 100;
    private boolean reusePort;
    private List<SelectorEventLoop> connectionLoops = List.of();
    private SSLContext ssl;
    private double sslHandshakeTimeout = 60.0;
    private double sslShutdownTimeout = 30.0;
    private boolean startServing = true;

    private ServerOptions() {}

    /** A copy to change one option in, which no one else sees before it is returned. */
    private ServerOptions copy() {
        ServerOptions copy = new ServerOptions();
        copy.limit = limit;
        copy.backlog = backlog;
        copy.reusePort = reusePort;
        copy.connectionLoops = connectionLoops;
        copy.ssl = ssl;
        copy.sslHandshakeTimeout = sslHandshakeTimeout;
        copy.sslShutdownTimeout = sslShutdownTimeout;
        copy.startServing = startServing;
        return copy;
    }

    /** The size in bytes past which each connection's stream reader stops buffering, asyncio's {@code limit}. */
    public int limit() {
        return limit;
    }

    /**
     * How many connections may wait to be accepted, and how many are accepted at most in one loop
     * iteration, asyncio's {@code backlog}.
     */
    public int backlog() {
        return backlog;
    }

    /**
     * Whether the listening sockets set {@code SO_REUSEPORT}, asyncio's {@code reuse_port}: several
     * servers, on several loops of a {@link io.jasyncio.LoopGroup} or in several processes, then
     * listen on the same port, and the kernel spreads the connections among them.
     */
    public boolean reusePort() {
        return reusePort;
    }

    /**
     * The loops that serve the accepted connections in turn, round-robin; empty (the default) for the
     * server's own loop, as in asyncio.
     */
    public List<SelectorEventLoop> connectionLoops() {
        return connectionLoops;
    }

    /** The TLS context that accepted connections are wrapped in, asyncio's {@code ssl}; {@code null} for plain TCP. */
    public SSLContext ssl() {
        return ssl;
    }

    /** How long a TLS handshake may take before the connection is aborted, in seconds, asyncio's {@code ssl_handshake_timeout}. */
    public double sslHandshakeTimeout() {
        return sslHandshakeTimeout;
    }

    /** How long a TLS shutdown may take before the connection is aborted, in seconds, asyncio's {@code ssl_shutdown_timeout}. */
    public double sslShutdownTimeout() {
        return sslShutdownTimeout;
    }

    /**
     * Whether the server accepts connections as soon as it is made, asyncio's {@code start_serving}
     * (true by default); if not, {@link Server#startServing()} or {@link Server#serveForever()} starts it.
     */
    public boolean startServing() {
        return startServing;
    }

    /** These options with the server accepting at once or not, asyncio's {@code start_serving}. */
    public ServerOptions withStartServing(boolean startServing) {
        ServerOptions copy = copy();
        copy.startServing = startServing;
        return copy;
    }

    /** These options with the reader {@code limit} in bytes. */
    public ServerOptions withLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: " + limit);
        }
        ServerOptions copy = copy();
        copy.limit = limit;
        return copy;
    }

    /** These options with the {@code backlog}. */
    public ServerOptions withBacklog(int backlog) {
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog <= 0: " + backlog);
        }
        ServerOptions copy = copy();
        copy.backlog = backlog;
        return copy;
    }

    /**
     * These options with the server's loop accepting every connection and handing each to the next of
     * {@code loops} in turn, which then runs its callback and streams: one port served by every loop
     * of a {@link io.jasyncio.LoopGroup} where {@code SO_REUSEPORT} is missing (Windows) or where
     * connections should be spread evenly rather than by the kernel's hash. The loops must be
     * {@link SelectorEventLoop}s; the server's own loop may be among them. The client-connected
     * callback then runs on several threads, one connection on one loop each: what it shares across
     * connections must be thread-safe.
     */
    public ServerOptions withConnectionLoops(List<? extends EventLoop> loops) {
        List<SelectorEventLoop> selectorLoops = loops.stream().map(loop -> {
            if (loop instanceof SelectorEventLoop selectorLoop) {
                return selectorLoop;
            }
            throw new IllegalArgumentException("connections need a SelectorEventLoop, not " + loop);
        }).toList();
        ServerOptions copy = copy();
        copy.connectionLoops = selectorLoops;
        return copy;
    }

    /**
     * These options with {@code SO_REUSEPORT} on or off. Where the platform has no such option (the
     * JDK supports it on Linux, macOS and the BSDs, not on Windows), starting the server throws
     * {@link UnsupportedOperationException}, as asyncio raises {@code ValueError}.
     */
    public ServerOptions withReusePort(boolean reusePort) {
        ServerOptions copy = copy();
        copy.reusePort = reusePort;
        return copy;
    }

    /** These options with every accepted connection wrapped in TLS by {@code ssl}, asyncio's {@code ssl=context}; {@code null} for plain TCP. */
    public ServerOptions withSsl(SSLContext ssl) {
        ServerOptions copy = copy();
        copy.ssl = ssl;
        return copy;
    }

    /** These options with a TLS handshake timeout in seconds, asyncio's {@code ssl_handshake_timeout}. */
    public ServerOptions withSslHandshakeTimeout(double seconds) {
        ServerOptions copy = copy();
        copy.sslHandshakeTimeout = ConnectionOptions.positive("sslHandshakeTimeout", seconds);
        return copy;
    }

    /** These options with a TLS shutdown timeout in seconds, asyncio's {@code ssl_shutdown_timeout}. */
    public ServerOptions withSslShutdownTimeout(double seconds) {
        ServerOptions copy = copy();
        copy.sslShutdownTimeout = ConnectionOptions.positive("sslShutdownTimeout", seconds);
        return copy;
    }

    @Override
    public String toString() {
        return "ServerOptions[limit=" + limit + " backlog=" + backlog + " reusePort=" + reusePort
                + (connectionLoops.isEmpty() ? "" : " connectionLoops=" + connectionLoops.size())
                + (ssl == null ? "" : " ssl=" + ssl.getProtocol()) + (startServing ? "" : " startServing=false") + "]";
    }
}
