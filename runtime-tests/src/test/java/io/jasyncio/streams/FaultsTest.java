// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Awaitable;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.LogRecorder;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What streams do when things go wrong: a peer that resets the connection, a peer that closes in the
 * middle of a message, a closed port, a server closed under its clients, a handler that fails. Each
 * gives a clear exception where it is awaited, never a hang, and leaves no socket open.
 */
@Timeout(60)
class FaultsTest extends StreamsTestSupport {
    /** What the server's handler saw: its result, or the exception that ended it. */
    private final List<Object> handlerOutcomes = new ArrayList<>();

    /** The exception that awaiting {@code awaitable} throws, or {@code null} if it returns. */
    @Async
    static Coroutine<Throwable> failureOf(Awaitable<?> awaitable) {
        try {
            await(awaitable);
        } catch (Throwable failure) {
            return result(failure);
        }
        return result(null);
    }

    /** A raw socket of the test, in the loop, for the peer that misbehaves. */
    @Async
    static Coroutine<SocketChannel> rawConnection(SocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        await(((SelectorEventLoop) getRunningLoop()).sockConnect(channel, address));
        return result(channel);
    }

    /** Closes {@code channel} with a reset (RST) instead of an orderly end of stream (FIN). */
    static void reset(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        channel.close();
    }

    // ---------------------------------------------------------------------------------------------
    // A peer that resets

    @Async
    Coroutine<Void> readLineRecordingTheOutcome(StreamReader reader, StreamWriter writer) {
        try {
            handlerOutcomes.add(text(await(reader.readline())));
        } catch (Exception failure) {
            handlerOutcomes.add(failure);
            try {
                await(writer.drain());
            } catch (Exception drainFailure) {
                handlerOutcomes.add(drainFailure);
            }
            try {
                await(writer.waitClosed());
            } catch (Exception closeFailure) {
                handlerOutcomes.add(closeFailure);
            }
        }
        return result(null);
    }

    /** A peer of a server running {@code handler} sends half a line, then resets the connection. */
    @Async
    Coroutine<Void> peerResetsUnder(ClientConnectedCallback handler) throws IOException {
        Server server = await(startServer(handler, "127.0.0.1", 0));
        SocketChannel peer = await(rawConnection(server.getBoundAddresses().get(0)));
        peer.write(ByteBuffer.wrap(bytes("half a li")));
        await(sleep(0.05)); // the server reads the half line and waits for the rest
        reset(peer);
        server.close();
        await(server.waitClosed()); // the reset closes the server's side of the connection
        await(sleep(0.05)); // and the handler's done callback has run
        return result(null);
    }

    @Test
    void aPeerThatResetsFailsTheWaitingReadTheDrainAndWaitClosedWithTheResetAndClosesTheConnection() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(peerResetsUnder(this::readLineRecordingTheOutcome)));
        assertEquals(3, handlerOutcomes.size(), handlerOutcomes.toString());
        SocketException reset = assertInstanceOf(SocketException.class, handlerOutcomes.get(0));
        assertEquals("Connection reset", reset.getMessage());
        assertSame(reset, handlerOutcomes.get(1), "drain() throws the reader's exception");
        assertSame(reset, handlerOutcomes.get(2), "waitClosed() throws what lost the connection");
    }

    @Async
    Coroutine<Throwable> clientSeesAResetServer() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        SelectorEventLoop loop = (SelectorEventLoop) getRunningLoop();
        Future<SocketChannel> accepted = loop.createTask(loop.sockAccept(listener));
        Connection connection = await(openConnection("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort()));
        reset(await(accepted));
        listener.close();
        Throwable failure = await(failureOf(connection.reader().readexactly(10)));
        connection.writer().write(bytes("ignored: the connection is lost"));
        assertSame(failure, await(failureOf(connection.writer().drain())), "drain() throws the reader's exception");
        assertSame(failure, await(failureOf(connection.writer().waitClosed())), "waitClosed() throws what lost the connection");
        assertSame(failure, await(failureOf(connection.reader().read())), "so does every later read");
        return result(failure);
    }

    @Test
    void aServerThatResetsFailsTheClientsRead() throws Exception {
        Throwable[] failure = new Throwable[1];
        runTest(Clock.system(), loop -> failure[0] = loop.runUntilComplete(clientSeesAResetServer()));
        assertEquals("Connection reset", assertInstanceOf(SocketException.class, failure[0]).getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // A peer that closes mid-message

    @Async
    Coroutine<Void> readFrameRecordingTheOutcome(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            handlerOutcomes.add(text(await(reader.readexactly(10))));
        } catch (IncompleteReadException ended) {
            handlerOutcomes.add(ended);
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    @Async
    Coroutine<Void> peerClosesMidMessage() throws IOException {
        Server server = await(startServer(this::readFrameRecordingTheOutcome, "127.0.0.1", 0));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        connection.writer().write(bytes("abcd"));
        connection.writer().close(); // four bytes of a ten-byte frame, then the end of the stream
        await(connection.writer().waitClosed());
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    @Test
    void aPeerThatClosesMidMessageEndsTheReadWithTheBytesItSent() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(peerClosesMidMessage()));
        IncompleteReadException ended = assertInstanceOf(IncompleteReadException.class, handlerOutcomes.get(0));
        assertArrayEquals(bytes("abcd"), ended.partial());
        assertEquals(10, ended.expected());
    }

    // ---------------------------------------------------------------------------------------------
    // A closed port

    @Test
    void connectingToAClosedPortThrowsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }
        runTest(Clock.system(), loop -> {
            ConnectException refused = assertThrows(ConnectException.class,
                    () -> loop.runUntilComplete(openConnection("127.0.0.1", closedPort)));
            assertEquals("Connection refused", refused.getMessage());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // A server closed under its clients

    @Async
    Coroutine<Void> echoLines(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            byte[] line;
            while ((line = await(reader.readline())).length > 0) {
                writer.write(line);
                await(writer.drain());
            }
            handlerOutcomes.add("end of stream");
        } finally {
            writer.close();
        }
        return result(null);
    }

    @Async
    Coroutine<Void> closeTheServerUnderItsClients() throws IOException {
        Server server = await(startServer(this::echoLines, "127.0.0.1", 0));
        int port = portOf(server);
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(await(openConnection("127.0.0.1", port)));
        }
        server.close();
        assertInstanceOf(ConnectException.class, await(failureOf(openConnection("127.0.0.1", port))),
                "the server no longer listens");
        Future<Void> closed = server.waitClosed();
        for (Connection client : clients) { // the connections go on, as in asyncio
            client.writer().write(bytes("still there\n"));
            assertEquals("still there\n", text(await(client.reader().readline())));
        }
        assertTrue(!closed.done(), "waitClosed() waits for the connections");
        server.closeClients();
        for (Connection client : clients) {
            IncompleteReadException ended = assertInstanceOf(IncompleteReadException.class,
                    await(failureOf(client.reader().readexactly(1))));
            assertEquals(0, ended.partial().length);
            client.writer().close();
        }
        await(closed);
        for (Connection client : clients) {
            await(client.writer().waitClosed());
        }
        return result(null);
    }

    @Test
    void aServerClosedUnderItsClientsStopsListeningAndBothEndsReadTheEndOnceItClosesThem() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(closeTheServerUnderItsClients()));
        assertEquals(List.of("end of stream", "end of stream", "end of stream"), handlerOutcomes,
                "closing a connection ends its reader's stream");
    }

    // ---------------------------------------------------------------------------------------------
    // A handler that fails

    @Async
    Coroutine<Void> failingHandler(StreamReader reader, StreamWriter writer) throws IOException {
        await(reader.readline());
        throw new IllegalStateException("handler bug");
    }

    @Async
    Coroutine<byte[]> talkToAFailingHandler() throws IOException {
        Server server = await(startServer(this::failingHandler, "127.0.0.1", 0));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        connection.writer().write(bytes("hello\n"));
        byte[] reply = await(connection.reader().read());
        await(closeBoth(connection, server));
        return result(reply);
    }

    @Test
    void aFailingHandlerIsReportedAsUnhandledAndItsConnectionClosed() throws Exception {
        List<Map<String, Object>> reports = new ArrayList<>();
        runTest(Clock.system(), loop -> {
            loop.setExceptionHandler((reporter, context) -> reports.add(context));
            assertEquals(0, loop.runUntilComplete(talkToAFailingHandler()).length, "the client reads the end of the stream");
        });
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Unhandled exception in client_connected_cb", reports.get(0).get("message"));
        assertEquals("handler bug", ((Throwable) reports.get(0).get("exception")).getMessage());
        assertNotNull(reports.get(0).get("transport"));
    }

    // ---------------------------------------------------------------------------------------------
    // A handler that lets a reset escape: one line in the log, the stack trace in debug mode only

    @Async
    Coroutine<Void> readLineLettingAResetEscape(StreamReader reader, StreamWriter writer) throws IOException {
        await(reader.readline());
        return result(null);
    }

    @Test
    void aResetThatEscapesTheHandlerIsLoggedAsOneLineWithoutStackTrace() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(Clock.system(), loop -> {
                loop.setExceptionHandler(null); // the default handler, which logs
                loop.runUntilComplete(peerResetsUnder(this::readLineLettingAResetEscape));
            });
            List<LogRecord> lines = log.about("client_connected_cb");
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.INFO, lines.get(0).getLevel());
            assertTrue(lines.get(0).getMessage().startsWith(
                    "client_connected_cb ended by a lost connection: java.net.SocketException: Connection reset (transport: "),
                    lines.get(0).getMessage());
            assertEquals(null, lines.get(0).getThrown());
        }
    }

    @Test
    void aResetThatEscapesTheHandlerIsReportedWithItsStackTraceInDebugMode() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(Clock.system(), loop -> {
                loop.setExceptionHandler(null); // the default handler, which logs
                loop.setDebug(true);
                loop.runUntilComplete(peerResetsUnder(this::readLineLettingAResetEscape));
            });
            List<LogRecord> lines = log.about("client_connected_cb");
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.SEVERE, lines.get(0).getLevel());
            assertTrue(lines.get(0).getMessage().startsWith("Unhandled exception in client_connected_cb\ntransport: "),
                    lines.get(0).getMessage());
            assertEquals("Connection reset", assertInstanceOf(SocketException.class, lines.get(0).getThrown()).getMessage());
        }
    }

    @Test
    void aResetThatEscapesTheHandlerStillReachesACustomExceptionHandler() throws Exception {
        List<Map<String, Object>> reports = new ArrayList<>();
        runTest(Clock.system(), loop -> {
            loop.setExceptionHandler((reporter, context) -> reports.add(context));
            loop.runUntilComplete(peerResetsUnder(this::readLineLettingAResetEscape));
        });
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Unhandled exception in client_connected_cb", reports.get(0).get("message"));
        assertEquals("Connection reset", assertInstanceOf(SocketException.class, reports.get(0).get("exception")).getMessage());
    }
}
