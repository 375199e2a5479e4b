// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Handle;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.Transport;
import javax.net.ssl.SSLContext;

/**
 * The coroutine of {@link Tls#startTls}, asyncio's {@code loop.start_tls}: it puts a
 * {@link SslProtocol} between the transport and its protocol, and returns the new transport once
 * the handshake is done. If the handshake fails, or the coroutine is cancelled, the transport is
 * closed.
 */
final class StartTls extends HandWrittenCoroutine<Transport> {
    private static final int HANDSHAKE_DONE = 1;

    private final Transport transport;
    private final BaseProtocol<?> protocol;
    private final SSLContext context;
    private final boolean serverSide;
    private final String serverHostname;
    private final double handshakeTimeout;
    private final double shutdownTimeout;

    private SslProtocol sslProtocol;
    private Handle connectionMade;
    private Handle readingResumed;

    StartTls(Transport transport, BaseProtocol<?> protocol, SSLContext context, boolean serverSide,
            String serverHostname, double handshakeTimeout, double shutdownTimeout) {
        this.transport = transport;
        this.protocol = protocol;
        this.context = context;
        this.serverSide = serverSide;
        this.serverHostname = serverHostname;
        this.handshakeTimeout = handshakeTimeout;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                EventLoop loop = EventLoop.getRunningLoop();
                Future<Void> waiter = loop.createFuture();
                sslProtocol = new SslProtocol(loop, protocol, context, waiter, serverSide, serverHostname,
                        /* callConnectionMade = */ false, handshakeTimeout, shutdownTimeout);
                // Paused first, so that no data reaches the TLS protocol before its connectionMade.
                transport.pauseReading();
                transport.setProtocol(sslProtocol);
                connectionMade = loop.callSoon(() -> sslProtocol.connectionMade(transport));
                readingResumed = loop.callSoon(transport::resumeReading);
                return await(HANDSHAKE_DONE, waiter);
            case HANDSHAKE_DONE:
                try {
                    awaited();
                } catch (Throwable failedOrCancelled) {
                    transport.close();
                    connectionMade.cancel();
                    readingResumed.cancel();
                    throw failedOrCancelled;
                }
                return finish(sslProtocol.getAppTransport());
            default:
                throw badLabel(label);
        }
    }

    @Override
    protected String functionName() {
        return "startTls";
    }
}
