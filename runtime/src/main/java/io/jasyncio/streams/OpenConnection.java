// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.Transport;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The coroutine of {@code openConnection} and {@code openUnixConnection}, asyncio's
 * {@code open_connection}: a reader and its protocol, a connection made by the transports'
 * {@code createConnection} for that protocol, and a writer over the transport.
 */
final class OpenConnection extends HandWrittenCoroutine<Connection> {
    private static final int CONNECTED = 1;

    /** The limit of the reader, in bytes. */
    private final int limit;

    /** Connects and makes the transport for the protocol the factory returns: {@code createConnection} or its Unix form. */
    private final Connect connect;

    private EventLoop loop;
    private StreamReader reader;
    private StreamProtocol protocol;

    /** What makes the connection: one of the transports' {@code createConnection} methods, bound to its address. */
    @FunctionalInterface
    interface Connect {
        Coroutine<TransportAndProtocol<Transport, StreamProtocol>> connect(Supplier<StreamProtocol> protocolFactory)
                throws IOException;
    }

    OpenConnection(Connect connect, int limit) {
        this.connect = connect;
        this.limit = StreamReader.checkLimit(limit);
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                loop = EventLoop.getRunningLoop();
                reader = new StreamReader(limit);
                protocol = new StreamProtocol(loop, reader, null);
                try {
                    return await(CONNECTED, connect.connect(() -> protocol));
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
