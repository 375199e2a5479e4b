// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;

/**
 * THE place where TLS enters {@code createConnection} and {@code createServer}, asyncio's
 * {@code _make_ssl_transport}: every connection whose options carry an {@link SSLContext} goes
 * through {@link #wrapInTls}, and nothing else in this package knows about TLS.
 */
final class TlsWrapping {
    private TlsWrapping() {
    }

    /**
     * Drives {@code channel} with a socket transport whose protocol is a TLS protocol for
     * {@code appProtocol}, and returns the TLS session's own transport, the one {@code appProtocol}
     * sees, asyncio's {@code _make_ssl_transport(rawsock, protocol, sslcontext, waiter, server_side,
     * server_hostname, ...)}: {@code waiter} is completed once the handshake is done, or failed with
     * what made it fail; {@code server}, if not {@code null}, is the server that accepted the
     * connection, to attach the socket transport to.
     */
    static Transport wrapInTls(SelectorEventLoop loop, SocketChannel channel, BaseProtocol<?> appProtocol, SSLContext ssl,
            boolean serverSide, String serverHostname, double handshakeTimeout, double shutdownTimeout,
            Future<Void> waiter, Server server) {
        throw new UnsupportedOperationException("TLS: see io.jasyncio.tls");
    }
}
