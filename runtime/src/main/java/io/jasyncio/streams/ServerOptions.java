// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import java.util.List;

/**
 * The keyword arguments of asyncio's {@code start_server} beyond the callback, host and port, as an
 * immutable value: {@code ServerOptions.DEFAULTS.withReusePort(true)}.
 */
public final class ServerOptions {
    /** asyncio's defaults: a 64 KiB reader limit, a backlog of 100, no {@code SO_REUSEPORT}. */
    public static final ServerOptions DEFAULTS =
            new ServerOptions(StreamReader.DEFAULT_LIMIT, Streams.DEFAULT_BACKLOG, false, List.of());

    private final int limit;
    private final int backlog;
    private final boolean reusePort;
    private final List<SelectorEventLoop> connectionLoops;

    private ServerOptions(int limit, int backlog, boolean reusePort, List<SelectorEventLoop> connectionLoops) {
        this.limit = StreamReader.checkLimit(limit);
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog <= 0: " + backlog);
        }
        this.backlog = backlog;
        this.reusePort = reusePort;
        this.connectionLoops = connectionLoops;
    }

    /** The size in bytes past which each connection's reader stops buffering, asyncio's {@code limit}. */
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

    /** These options with the reader {@code limit} in bytes. */
    public ServerOptions withLimit(int limit) {
        return new ServerOptions(limit, backlog, reusePort, connectionLoops);
    }

    /** These options with the {@code backlog}. */
    public ServerOptions withBacklog(int backlog) {
        return new ServerOptions(limit, backlog, reusePort, connectionLoops);
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
        return new ServerOptions(limit, backlog, reusePort, selectorLoops);
    }

    /**
     * These options with {@code SO_REUSEPORT} on or off. Where the platform has no such option (the
     * JDK supports it on Linux, macOS and the BSDs, not on Windows), starting the server throws
     * {@link UnsupportedOperationException}, as asyncio raises {@code ValueError}.
     */
    public ServerOptions withReusePort(boolean reusePort) {
        return new ServerOptions(limit, backlog, reusePort, connectionLoops);
    }

    @Override
    public String toString() {
        return "ServerOptions[limit=" + limit + " backlog=" + backlog + " reusePort=" + reusePort
                + (connectionLoops.isEmpty() ? "" : " connectionLoops=" + connectionLoops.size()) + "]";
    }
}
