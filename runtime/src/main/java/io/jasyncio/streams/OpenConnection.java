// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.ConnectionOptions;
import io.jasyncio.transports.Transport;
import io.jasyncio.transports.TransportAndProtocol;
import io.jasyncio.transports.Transports;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The coroutine of {@code openConnection} and {@code openUnixConnection}, asyncio's
 * {@code open_connection}: a reader and its protocol, a connection made by the transports'
 * {@code createConnection} for that protocol, and a writer over the transport.
 */
final class OpenConnection extends HandWrittenCoroutine<Connection> {
    private static final int CONNECTED = 1;

    /** The limit of the reader, in bytes. */
    private final int limit;

    /** The host connected to, or {@code null} for a Unix domain socket. */
    private final String host;

    private final int port;

    /** The Unix domain socket connected to, or {@code null} for a host. */
    private final Path path;

    private final ConnectionOptions options;

    private EventLoop loop;
    private StreamReader reader;
    private StreamProtocol protocol;

    /**
     * A connection to {@code host} at {@code port}, or to the Unix domain socket at {@code path} if
     * it is not {@code null}. (No lambda here that returns a coroutine: the weaver would take it for
     * an async lambda, and the runtime's classes stay unwoven.)
     */
    OpenConnection(String host, int port, Path path, ConnectionOptions options) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.options = options;
        this.limit = StreamReader.checkLimit(options.limit());
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                loop = EventLoop.getRunningLoop();
                reader = new StreamReader(limit);
                protocol = new StreamProtocol(loop, reader, null);
                try {
                    return await(CONNECTED, path == null
                            ? Transports.createConnection(() -> protocol, host, port, options)
                            : Transports.createUnixConnection(() -> protocol, path, options));
                } catch (IOException never) {
                    throw rethrow(never); // the call only makes the coroutine; its failures come through the await
                }
            case CONNECTED:
                TransportAndProtocol<Transport, StreamProtocol> made = awaited();
                return finish(new Connection(reader, new StreamWriter(made.transport(), protocol, reader, loop)));
            default:
                throw badLabel(label);
        }
    }

    @Override
    protected String functionName() {
        return "openConnection";
    }
}
