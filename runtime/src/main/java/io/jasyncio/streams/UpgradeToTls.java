// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.tls.Tls;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import javax.net.ssl.SSLContext;

/**
 * The coroutine of {@link StreamWriter#startTls}, asyncio 3.11's {@code StreamWriter.start_tls}:
 * drains, upgrades the transport with {@link Tls#startTls}, then gives the writer and the reader the
 * TLS session's transport.
 */
final class UpgradeToTls extends HandWrittenCoroutine<Void> {
    private static final int DRAINED = 1;
    private static final int HANDSHAKE_DONE = 2;

    private final StreamWriter writer;
    private final StreamProtocol protocol;
    private final SSLContext context;
    private final String serverHostname;

    UpgradeToTls(StreamWriter writer, StreamProtocol protocol, SSLContext context, String serverHostname) {
        this.writer = writer;
        this.protocol = protocol;
        this.context = context;
        this.serverHostname = serverHostname;
    }

    @Override
    protected Object step(int label) {
        try {
            switch (label) {
                case START:
                    return await(DRAINED, writer.drain());
                case DRAINED:
                    awaited();
                    return await(HANDSHAKE_DONE, Tls.startTls((Transport) writer.getTransport(), protocol, context,
                            protocol.serverSide(), serverHostname));
                case HANDSHAKE_DONE:
                    Transport tls = awaited();
                    writer.replaceTransport(tls);
                    protocol.replaceTransport(tls);
                    return finish(null);
                default:
                    throw badLabel(label);
            }
        } catch (IOException never) {
            throw rethrow(never); // the calls only make coroutines; their failures come through the awaits
        }
    }

    @Override
    protected String functionName() {
        return "startTls";
    }
}
