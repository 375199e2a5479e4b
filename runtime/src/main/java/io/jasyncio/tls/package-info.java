// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * TLS over any stream transport with the JDK's {@link javax.net.ssl.SSLEngine}, asyncio's
 * {@code sslproto}: {@link io.jasyncio.tls.SslProtocol} is the protocol of the raw transport and
 * gives the application a transport of its own; {@link io.jasyncio.tls.Tls#startTls} upgrades a
 * connection in place; {@link io.jasyncio.tls.Pem} makes an {@link javax.net.ssl.SSLContext} of PEM
 * files.
 *
 * <p>Errors are the JDK's: a failed handshake is a {@link javax.net.ssl.SSLHandshakeException} whose
 * message says why ("PKIX path building failed", "No subject alternative names matching IP address
 * ...", "Received fatal alert: certificate_unknown"), and the peer receives the matching alert. A
 * handshake or a closing exchange that takes too long is a {@link java.net.SocketTimeoutException}
 * with asyncio's message. A peer that closes the connection in the middle of a record is a
 * {@link javax.net.ssl.SSLException} "EOF occurred in violation of protocol", where asyncio 3.11
 * would read it as a clean end of the stream; a peer that closes between records without
 * close_notify ends the stream cleanly, as in asyncio.
 *
 * <p>As in asyncio, a client checks the server's certificate against the host name it connects to
 * (sent in SNI too, unless it is an IP address), unless the host name is empty. Everything runs on
 * the loop's thread, the engine's delegated tasks included.
 */
package io.jasyncio.tls;
