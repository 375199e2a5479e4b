// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Coroutine;
import io.jasyncio.SocketsTestSupport;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The base of the tests of streams over real sockets, with their helpers; see {@link SocketsTestSupport}. */
abstract class StreamsTestSupport extends SocketsTestSupport {
    /** Closes the client's side of {@code connection}, then {@code server}, and waits until both are closed. */
    @Async
    static Coroutine<Void> closeBoth(Connection connection, Server server) throws IOException {
        connection.writer().close();
        await(connection.writer().waitClosed());
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    static String text(byte[] data) {
        return new String(data, US_ASCII);
    }

    /** The port a server listens on, the first of its bound addresses. */
    static int portOf(Server server) {
        return ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
    }
}
