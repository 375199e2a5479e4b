// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections, writers and servers in try-with-resources of {@code @Async} methods, Python's
 * {@code async with}: leaving the block closes them and awaits {@code waitClosed()}, on normal and
 * exceptional exits.
 */
@Timeout(60)
class AsyncResourcesStreamsTest extends StreamsTestSupport {
    private final List<String> trace = new ArrayList<>();
    private Connection closedConnection;
    private Server closedServer;

    @Async
    static Coroutine<Void> echoLine(StreamReader reader, StreamWriter writer) throws IOException {
        try (writer) {
            writer.write(await(reader.readline()));
        }
        return result(null);
    }

    @Async
    Coroutine<String> exchange(boolean fail) throws IOException {
        try (Server server = await(startServer(AsyncResourcesStreamsTest::echoLine, "127.0.0.1", 0))) {
            closedServer = server;
            try (Connection connection = await(openConnection("127.0.0.1", portOf(server)))) {
                closedConnection = connection;
                connection.writer().write(bytes("hello\n"));
                String echoed = text(await(connection.reader().readline()));
                trace.add("echoed " + echoed.strip());
                if (fail) {
                    throw new IllegalStateException("body failed");
                }
                return result(echoed);
            } finally {
                trace.add("connection closed: " + closedConnection.writer().isClosing() + " "
                        + closedConnection.writer().waitClosed().done());
            }
        } finally {
            trace.add("server closed: " + closedServer.waitClosed().done());
        }
    }

    @Test
    void leavingTheBlockClosesTheConnectionAndTheServerAndWaitsUntilTheyAreClosed() throws Exception {
        runTest(Clock.system(), loop -> assertEquals("hello\n", loop.runUntilComplete(exchange(false))));
        assertEquals(List.of("echoed hello", "connection closed: true true", "server closed: true"), trace);
    }

    @Test
    void anExceptionOfTheBodyPassesThroughOnceTheyAreClosed() throws Exception {
        runTest(Clock.system(), loop -> {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(exchange(true)));
            assertEquals("body failed", failure.getMessage());
            assertEquals(0, failure.getSuppressed().length);
        });
        assertEquals(List.of("echoed hello", "connection closed: true true", "server closed: true"), trace);
    }

    @Test
    void closeOutsideACoroutineStaysSynchronousForWritersAndServersAndFailsForConnections() throws Exception {
        runTest(Clock.system(), loop -> {
            Server server = loop.runUntilComplete(startServer(AsyncResourcesStreamsTest::echoLine, "127.0.0.1", 0));
            Connection connection = loop.runUntilComplete(openConnection("127.0.0.1", portOf(server)));
            IllegalStateException refused = assertThrows(IllegalStateException.class, connection::close);
            assertTrue(refused.getMessage().startsWith("io.jasyncio.streams.Connection is closed by await(aclose()), not close()"),
                    refused.getMessage());
            connection.writer().close();
            assertTrue(connection.writer().isClosing());
            server.close();
            loop.runUntilComplete(connection.writer().waitClosed());
            assertSame(null, loop.runUntilComplete(server.aclose()));
            for (Task<?> handler : Asyncio.allTasks(loop)) {
                loop.runUntilComplete(handler); // the handler's own try-with-resources still awaits its writer's aclose()
            }
        });
    }
}
