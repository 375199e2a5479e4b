// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import java.net.SocketAddress;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of asyncio's {@code create_connection} and {@code open_connection} beyond
 * the protocol factory, host and port, as an immutable value:
 * {@code ConnectionOptions.DEFAULTS.withSsl(context).withHappyEyeballsDelay(0.25)}.
 */
public final class ConnectionOptions {
    /**
     * asyncio's defaults: a 64 KiB reader limit, no TLS, 60 s for a TLS handshake and 30 s for a TLS
     * shutdown, no local address, and the addresses tried one after another (no happy eyeballs).
     */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions();

    private int limit = 64 * 1024;
    private SSLContext ssl;
    private String serverHostname;
    private double sslHandshakeTimeout = 60.0;
    private double sslShutdownTimeout = 30.0;
    private SocketAddress localAddress;
    private double happyEyeballsDelay = Double.NaN;
    private int interleave;

    private ConnectionOptions() {}

    /** A copy to change one option in, which no one else sees before it is returned. */
    private ConnectionOptions copy() {
        ConnectionOptions copy = new ConnectionOptions();
        copy.limit = limit;
        copy.ssl = ssl;
        copy.serverHostname = serverHostname;
        copy.sslHandshakeTimeout = sslHandshakeTimeout;
        copy.sslShutdownTimeout = sslShutdownTimeout;
        copy.localAddress = localAddress;
        copy.happyEyeballsDelay = happyEyeballsDelay;
        copy.interleave = interleave;
        return copy;
    }

    static double positive(String name, double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, not " + seconds);
        }
        return seconds;
    }

    /** The size in bytes past which the stream reader stops buffering, asyncio's {@code limit}. */
    public int limit() {
        return limit;
    }

    /** The TLS context the connection is wrapped in, asyncio's {@code ssl}; {@code null} for plain TCP. */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * The host name the server's certificate is checked against and sent in SNI, asyncio's
     * {@code server_hostname}; {@code null} for the host connected to.
     */
    public String serverHostname() {
        return serverHostname;
    }

    /** How long a TLS handshake may take before the connection is aborted, in seconds, asyncio's {@code ssl_handshake_timeout}. */
    public double sslHandshakeTimeout() {
        return sslHandshakeTimeout;
    }

    /** How long a TLS shutdown may take before the connection is aborted, in seconds, asyncio's {@code ssl_shutdown_timeout}. */
    public double sslShutdownTimeout() {
        return sslShutdownTimeout;
    }

    /** The local address the socket is bound to before connecting, asyncio's {@code local_addr}; {@code null} for any. */
    public SocketAddress localAddress() {
        return localAddress;
    }

    /**
     * How long to wait for one connection attempt before starting the next in parallel, in seconds,
     * asyncio's {@code happy_eyeballs_delay} (RFC 8305 suggests 0.25); {@code NaN} (the default) tries
     * the addresses one after another.
     */
    public double happyEyeballsDelay() {
        return happyEyeballsDelay;
    }

    /**
     * How the resolved addresses are reordered by family before they are tried, asyncio's
     * {@code interleave}: 0 keeps the resolver's order, n takes n addresses of the first family, then
     * one of the other, and so on. Setting a happy eyeballs delay makes 0 mean 1, as in asyncio.
     */
    public int interleave() {
        return interleave;
    }

    /** These options with the reader {@code limit} in bytes. */
    public ConnectionOptions withLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: " + limit);
        }
        ConnectionOptions copy = copy();
        copy.limit = limit;
        return copy;
    }

    /** These options with the connection wrapped in TLS by {@code ssl}, asyncio's {@code ssl=context}; {@code null} for plain TCP. */
    public ConnectionOptions withSsl(SSLContext ssl) {
        ConnectionOptions copy = copy();
        copy.ssl = ssl;
        return copy;
    }

    /** These options with the host name checked in the server's certificate, asyncio's {@code server_hostname}. */
    public ConnectionOptions withServerHostname(String serverHostname) {
        ConnectionOptions copy = copy();
        copy.serverHostname = serverHostname;
        return copy;
    }

    /** These options with a TLS handshake timeout in seconds, asyncio's {@code ssl_handshake_timeout}. */
    public ConnectionOptions withSslHandshakeTimeout(double seconds) {
        ConnectionOptions copy = copy();
        copy.sslHandshakeTimeout = positive("sslHandshakeTimeout", seconds);
        return copy;
    }

    /** These options with a TLS shutdown timeout in seconds, asyncio's {@code ssl_shutdown_timeout}. */
    public ConnectionOptions withSslShutdownTimeout(double seconds) {
        ConnectionOptions copy = copy();
        copy.sslShutdownTimeout = positive("sslShutdownTimeout", seconds);
        return copy;
    }

    /** These options with the socket bound to {@code localAddress} before connecting, asyncio's {@code local_addr}. */
    public ConnectionOptions withLocalAddress(SocketAddress localAddress) {
        ConnectionOptions copy = copy();
        copy.localAddress = localAddress;
        return copy;
    }

    /** These options with happy eyeballs: a new attempt starts every {@code seconds}, asyncio's {@code happy_eyeballs_delay}. */
    public ConnectionOptions withHappyEyeballsDelay(double seconds) {
        ConnectionOptions copy = copy();
        copy.happyEyeballsDelay = positive("happyEyeballsDelay", seconds);
        return copy;
    }

    /** These options with the addresses reordered by family, asyncio's {@code interleave}. */
    public ConnectionOptions withInterleave(int interleave) {
        if (interleave < 0) {
            throw new IllegalArgumentException("interleave < 0: " + interleave);
        }
        ConnectionOptions copy = copy();
        copy.interleave = interleave;
        return copy;
    }

    @Override
    public String toString() {
        return "ConnectionOptions[limit=" + limit + (ssl == null ? "" : " ssl=" + ssl.getProtocol())
                + (serverHostname == null ? "" : " serverHostname=" + serverHostname)
                + (localAddress == null ? "" : " localAddress=" + localAddress)
                + (Double.isNaN(happyEyeballsDelay) ? "" : " happyEyeballsDelay=" + happyEyeballsDelay)
                + (interleave == 0 ? "" : " interleave=" + interleave) + "]";
    }
}
