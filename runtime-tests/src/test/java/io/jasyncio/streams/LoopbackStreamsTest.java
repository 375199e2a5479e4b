// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams over loopback TCP: IPv4 and IPv6, host names, addresses, serving forever, and the writer's details. */
@Timeout(60)
class LoopbackStreamsTest extends StreamsTestSupport {
    /** Sends back every line until the end of the stream, then closes. */
    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(line);
            await(writer.drain());
        }
        writer.close();
        return result(null);
    }

    /** Connects to {@code host} at {@code port}, sends two lines with writelines, and returns what comes back. */
    @Async
    static Coroutine<String> exchange(String host, int port) throws IOException {
        Connection connection = await(openConnection(host, port));
        connection.writer().writelines(List.of(bytes("one\n"), bytes("two\n")));
        connection.writer().writeEof();
        assertTrue(connection.writer().canWriteEof());
        String echoed = text(await(connection.reader().read()));
        assertTrue(connection.reader().atEof());
        connection.writer().close();
        assertTrue(connection.writer().isClosing());
        await(connection.writer().waitClosed());
        return result(echoed);
    }

    @Async
    static Coroutine<String> echoOn(String serverHost, String clientHost) throws IOException {
        Server server = await(startServer(LoopbackStreamsTest::echo, serverHost, 0));
        try {
            return result(await(exchange(clientHost, portOf(server))));
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    @Test
    void echoOverIpv4() throws Exception {
        runTest(Clock.system(), loop -> assertEquals("one\ntwo\n", loop.runUntilComplete(echoOn("127.0.0.1", "127.0.0.1"))));
    }

    @Test
    void echoOverIpv6() throws Exception {
        assumeTrue(hasIpv6Loopback(), "no IPv6 loopback here");
        runTest(Clock.system(), loop -> assertEquals("one\ntwo\n", loop.runUntilComplete(echoOn("::1", "::1"))));
    }

    @Test
    void aHostNameIsResolvedAndEachOfItsAddressesTriedInTurn() throws Exception {
        // "localhost" may resolve to ::1 first, where nothing listens: the connection falls back to 127.0.0.1.
        runTest(Clock.system(), loop -> assertEquals("one\ntwo\n", loop.runUntilComplete(echoOn("127.0.0.1", "localhost"))));
    }

    private static boolean hasIpv6Loopback() throws Exception {
        return NetworkInterface.networkInterfaces().anyMatch(network ->
                network.inetAddresses().anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress()));
    }

    @Async
    static Coroutine<Void> checkAddresses() throws IOException {
        Server server = await(startServer((reader, writer) -> {
            writer.close();
            return null;
        }, "127.0.0.1", 0));
        InetSocketAddress bound = (InetSocketAddress) server.getBoundAddresses().get(0);
        assertEquals(InetAddress.getByName("127.0.0.1"), bound.getAddress());
        Connection connection = await(openConnection("127.0.0.1", bound.getPort()));
        assertEquals(bound, connection.writer().getPeerAddress());
        InetSocketAddress local = (InetSocketAddress) connection.writer().getLocalAddress();
        assertEquals(InetAddress.getByName("127.0.0.1"), local.getAddress());
        assertEquals(65536, connection.writer().getWriteBufferHighWater());
        assertEquals(16384, connection.writer().getWriteBufferLowWater());
        connection.writer().setWriteBufferLimits(1000);
        assertEquals(250, connection.writer().getWriteBufferLowWater());
        assertThrows(IllegalArgumentException.class, () -> connection.writer().setWriteBufferLimits(1, 2));
        assertEquals(0, await(connection.reader().read()).length);
        connection.writer().close();
        await(connection.writer().waitClosed());
        connection.writer().writeEof(); // ignored once closing, as in asyncio
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    @Test
    void theWriterKnowsBothAddressesAndItsWaterMarks() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(checkAddresses()));
    }

    @Async
    static Coroutine<Void> serveForeverUntilCancelled() throws IOException {
        Server server = await(startServer(LoopbackStreamsTest::echo, "127.0.0.1", 0));
        Task<Void> serving = createTask(server.serveForever());
        await(sleep(0));
        assertTrue(server.isServing());
        assertEquals("one\ntwo\n", await(exchange("127.0.0.1", portOf(server))));
        serving.cancel();
        try {
            await(serving);
            throw new AssertionError("serveForever() returned");
        } catch (CancelledError expected) {
            // it closed the server and waited for its connections
        }
        assertFalse(server.isServing());
        assertTrue(server.waitClosed().done());
        return result(null);
    }

    @Test
    void serveForeverServesUntilCancelledThenClosesTheServer() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(serveForeverUntilCancelled()));
    }
}
