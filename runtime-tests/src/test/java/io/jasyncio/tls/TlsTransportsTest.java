// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.waitFor;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.SocketsTestSupport;
import io.jasyncio.TimeoutException;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.ConnectionOptions;
import io.jasyncio.transports.Protocol;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.ServerOptions;
import io.jasyncio.transports.Transport;
import io.jasyncio.transports.TransportAndProtocol;
import io.jasyncio.transports.Transports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS through the transports' {@code createConnection} and {@code createServer} (TCP and Unix
 * sockets), with plain protocols: asyncio's order of callbacks, the session's extra information, and
 * a cancelled handshake that leaves no socket open.
 */
@Timeout(60)
class TlsTransportsTest extends SocketsTestSupport {
    /** Every call of every protocol of a test, in order, as "side: call". */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records its calls; the server side sends each piece of data back upper-cased. */
    final class Recording implements Protocol {
        private final String side;
        final Future<Void> lost;
        Transport transport;

        Recording(String side, Future<Void> lost) {
            this.side = side;
            this.lost = lost;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            calls.add(side + ": made, canWriteEof " + transport.canWriteEof());
        }

        @Override
        public void dataReceived(byte[] data) {
            String text = new String(data, US_ASCII);
            calls.add(side + ": data " + text);
            if (side.equals("server")) {
                transport.write(text.toUpperCase().getBytes(US_ASCII));
            } else {
                transport.close();
            }
        }

        @Override
        public boolean eofReceived() {
            calls.add(side + ": eof");
            return false;
        }

        @Override
        public void connectionLost(Exception failure) {
            calls.add(side + ": lost " + failure);
            lost.setResult(null);
        }
    }

    @Async
    Coroutine<Void> exchange(boolean unix, Path socketFile) throws IOException {
        Future<Void> serverLost = io.jasyncio.EventLoop.getRunningLoop().createFuture();
        ServerOptions serverOptions = ServerOptions.DEFAULTS.withSsl(TestCertificates.server().serverContext());
        Server server = unix
                ? await(Transports.createUnixServer(() -> new Recording("server", serverLost), socketFile, serverOptions))
                : await(Transports.createServer(() -> new Recording("server", serverLost), "127.0.0.1", 0, serverOptions));
        ConnectionOptions clientOptions = ConnectionOptions.DEFAULTS.withSsl(TestCertificates.server().clientContext())
                .withServerHostname("localhost");
        Future<Void> clientLost = io.jasyncio.EventLoop.getRunningLoop().createFuture();
        TransportAndProtocol<Transport, Recording> made = unix
                ? await(Transports.createUnixConnection(() -> new Recording("client", clientLost), socketFile, clientOptions))
                : await(Transports.createConnection(() -> new Recording("client", clientLost), "127.0.0.1",
                        ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort(), clientOptions));
        Transport transport = made.transport();
        assertEquals("TLSv1.3", ((SSLEngine) transport.getExtraInfo("ssl_object")).getSession().getProtocol());
        assertEquals("CN=localhost", ((X509Certificate) transport.getExtraInfo("peercert")).getSubjectX500Principal().getName());
        assertTrue(((String) transport.getExtraInfo("cipher")).startsWith("TLS_"), (String) transport.getExtraInfo("cipher"));
        assertInstanceOf(SocketAddress.class, transport.getExtraInfo("peername"), "the socket's name through the session");
        transport.write("hello".getBytes(US_ASCII));
        await(clientLost);
        await(serverLost);
        assertTrue(transport.isClosing());
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    /** Each side's calls in asyncio's order: the client closes once answered, sending close_notify, which the server answers. */
    private static final List<String> CLIENT_CALLS = List.of(
            "client: made, canWriteEof false", "client: data HELLO", "client: eof", "client: lost null");
    private static final List<String> SERVER_CALLS = List.of(
            "server: made, canWriteEof false", "server: data hello", "server: eof", "server: lost null");

    private void assertEachSidesCalls() {
        assertEquals(CLIENT_CALLS, calls.stream().filter(call -> call.startsWith("client")).toList());
        assertEquals(SERVER_CALLS, calls.stream().filter(call -> call.startsWith("server")).toList());
    }

    @Test
    void aProtocolTalksTlsOverTcp() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(exchange(false, null)));
        assertEachSidesCalls();
    }

    @Test
    void aProtocolTalksTlsOverAUnixSocket() throws Exception {
        Path directory = Files.createTempDirectory("jasyncio-tls");
        Path socketFile = directory.resolve("tls.sock");
        try {
            runTest(Clock.system(), loop -> loop.runUntilComplete(exchange(true, socketFile)));
        } finally {
            Files.deleteIfExists(socketFile);
            Files.delete(directory);
        }
        assertEachSidesCalls();
    }

    @Async
    static Coroutine<Void> connectToAServerThatNeverAnswers() throws IOException {
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            ConnectionOptions options = ConnectionOptions.DEFAULTS.withSsl(TestCertificates.server().clientContext());
            try {
                await(waitFor(Transports.createConnection(() -> new Protocol() {}, "127.0.0.1", port, options), 0.2));
                fail("connected without a handshake");
            } catch (TimeoutException expected) {
                // cancelled in the middle of the handshake
            }
            await(sleep(0)); // the aborted socket closes in the iteration after the cancellation
            await(sleep(0));
        }
        return result(null);
    }

    @Test
    void aHandshakeCancelledByATimeoutLeavesNoSocketOpen() throws Exception {
        // SocketsTestSupport fails the test if the client's socket stayed open.
        runTest(Clock.system(), loop -> loop.runUntilComplete(connectToAServerThatNeverAnswers()));
    }
}
