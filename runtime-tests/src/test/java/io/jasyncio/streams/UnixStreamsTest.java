// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.streams.Streams.openUnixConnection;
import static io.jasyncio.streams.Streams.startUnixServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams over Unix domain sockets, in a temporary directory: the same streams, a file for an address. */
@Timeout(60)
class UnixStreamsTest extends StreamsTestSupport {
    @TempDir
    Path directory;

    @Async
    Coroutine<Void> upperCase(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(text(line).toUpperCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            await(writer.drain());
        }
        writer.close();
        return result(null);
    }

    @Async
    Coroutine<String> talk(Path socketFile) throws IOException {
        Server server = await(startUnixServer(this::upperCase, socketFile));
        assertEquals(UnixDomainSocketAddress.of(socketFile), server.getBoundAddresses().get(0));
        Connection connection = await(openUnixConnection(socketFile));
        assertInstanceOf(UnixDomainSocketAddress.class, connection.writer().getPeerAddress());
        connection.writer().write(bytes("over a unix socket\n"));
        String reply = text(await(connection.reader().readline()));
        connection.writer().writeEof();
        assertEquals(0, await(connection.reader().read()).length);
        await(closeBoth(connection, server));
        return result(reply);
    }

    @Test
    void aUnixServerAndClientTalkAndClosingTheServerDeletesItsSocketFile() throws Exception {
        Path socketFile = directory.resolve("echo.sock");
        runTest(Clock.system(), loop -> assertEquals("OVER A UNIX SOCKET\n", loop.runUntilComplete(talk(socketFile))));
        assertFalse(Files.exists(socketFile));
    }

    @Test
    void aSocketFileLeftByAnEarlierServerIsReplaced() throws Exception {
        Path socketFile = directory.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socketFile)); // closing it leaves the file, as a crash would
        }
        assertTrue(Files.exists(socketFile));
        runTest(Clock.system(), loop -> assertEquals("OVER A UNIX SOCKET\n", loop.runUntilComplete(talk(socketFile))));
    }

    @Test
    void aRegularFileInTheWayIsNotReplaced() throws Exception {
        Path notASocket = Files.writeString(directory.resolve("data.txt"), "precious");
        runTest(Clock.system(), loop -> {
            BindException refused = assertThrows(BindException.class,
                    () -> loop.runUntilComplete(startUnixServer(this::upperCase, notASocket)));
            assertTrue(refused.getMessage().startsWith("error while attempting to bind on address " + notASocket),
                    refused.getMessage());
        });
        assertEquals("precious", Files.readString(notASocket));
    }
}
