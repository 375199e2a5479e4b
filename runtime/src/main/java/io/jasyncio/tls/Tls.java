// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.Coroutine;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import javax.net.ssl.SSLContext;

/**
 * asyncio's TLS functions for {@code import static io.jasyncio.tls.Tls.*}: {@link #startTls}, which
 * upgrades a connection to TLS in place. The TLS session itself is a {@link SslProtocol}; PEM files
 * become an {@link SSLContext} with {@link Pem}. Connections and servers that are TLS from the start
 * take an {@link SSLContext} in their options ({@code ConnectionOptions.withSsl},
 * {@code ServerOptions.withSsl}).
 */
public final class Tls {
    private Tls() {
    }

    /**
     * A coroutine that upgrades {@code transport}, whose protocol is {@code protocol}, to TLS and returns
     * the new transport once the handshake is done, asyncio's {@code loop.start_tls(transport,
     * protocol, sslcontext, server_side=..., server_hostname=..., ssl_handshake_timeout=...,
     * ssl_shutdown_timeout=...)}. From then on the protocol receives decrypted data and writes to the
     * new transport; the old one must not be used. If the handshake fails (the
     * {@link javax.net.ssl.SSLHandshakeException} is thrown), takes longer than
     * {@code handshakeTimeout} seconds ({@link java.net.SocketTimeoutException}), or the coroutine is
     * cancelled, the transport is closed. The call itself throws nothing; it declares
     * {@link IOException} so that a {@code catch} around {@code await(startTls(...))} compiles.
     *
     * @param serverHostname on the client side, the name sent in SNI and checked against the server's
     *     certificate; {@code null} or empty for no check
     */
    public static Coroutine<Transport> startTls(Transport transport, BaseProtocol<?> protocol, SSLContext sslContext,
            boolean serverSide, String serverHostname, double handshakeTimeout, double shutdownTimeout) throws IOException {
        return new StartTls(transport, protocol, sslContext, serverSide, serverHostname, handshakeTimeout, shutdownTimeout);
    }

    /** Like {@link #startTls(Transport, BaseProtocol, SSLContext, boolean, String, double, double)}, with asyncio's 60 s and 30 s timeouts. */
    public static Coroutine<Transport> startTls(Transport transport, BaseProtocol<?> protocol, SSLContext sslContext,
            boolean serverSide, String serverHostname) throws IOException {
        return startTls(transport, protocol, sslContext, serverSide, serverHostname,
                SslProtocol.DEFAULT_HANDSHAKE_TIMEOUT, SslProtocol.DEFAULT_SHUTDOWN_TIMEOUT);
    }
}
