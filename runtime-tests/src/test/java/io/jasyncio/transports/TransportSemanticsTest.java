// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import static io.jasyncio.transports.Transports.createConnection;
import static io.jasyncio.transports.Transports.createServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Clock;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.SocketsTestSupport;
import io.jasyncio.transports.WriteTransport.WriteBufferLimits;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a socket transport does beyond the exchange that ProtocolTraceTest compares with CPython: a
 * protocol callback that throws is a fatal error, a transport refuses a protocol of no stream kind,
 * the write-buffer limits take asyncio's defaults, and writing after {@code writeEof} is an error.
 */
@Timeout(60)
class TransportSemanticsTest extends SocketsTestSupport {
    /** Writes "boom" on connection, then waits; records its calls. */
    private final class Talker implements Protocol {
        final Future<Void> lost = EventLoop.getRunningLoop().createFuture();
        Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            transport.write("boom".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void connectionLost(Exception failure) {
            trace("client connection_lost " + failure);
            lost.setResult(null);
        }
    }

    /** Throws from dataReceived; records its calls. */
    private final class Thrower implements Protocol {
        final Future<Void> lost = EventLoop.getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport transport) {
            trace("server connection_made");
        }

        @Override
        public void dataReceived(byte[] data) {
            trace("server data_received " + new String(data, StandardCharsets.US_ASCII));
            throw new IllegalStateException("boom");
        }

        @Override
        public void connectionLost(Exception failure) {
            trace("server connection_lost " + failure);
            lost.setResult(null);
        }
    }

    @Test
    void aProtocolCallbackThatThrowsClosesTheTransportAndReachesConnectionLostAndTheHandler() throws Exception {
        runTest(Clock.system(), loop -> {
            loop.setExceptionHandler((reporter, context) -> trace("handler: " + context.get("message") + " "
                    + context.get("exception") + " transport given: " + (context.get("transport") instanceof Transport)));
            List<Thrower> servers = new ArrayList<>();
            Server server = loop.runUntilComplete(createServer(() -> {
                servers.add(new Thrower());
                return servers.get(0);
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
            TransportAndProtocol<Transport, Talker> client = loop.runUntilComplete(createConnection(Talker::new, "127.0.0.1", port));
            Transport transport = client.transport();
            transport.setWriteBufferLimits(-1, -1);
            assertEquals(new WriteBufferLimits(16384, 65536), transport.getWriteBufferLimits());
            transport.setWriteBufferLimits(-1, 100);
            assertEquals(new WriteBufferLimits(100, 400), transport.getWriteBufferLimits());
            transport.setWriteBufferLimits(1000, -1);
            assertEquals(new WriteBufferLimits(250, 1000), transport.getWriteBufferLimits());
            IllegalArgumentException limits = assertThrows(IllegalArgumentException.class, () -> transport.setWriteBufferLimits(1, 2));
            assertEquals("high (1) must be >= low (2) must be >= 0", limits.getMessage());
            assertThrows(IllegalArgumentException.class, () -> transport.setProtocol(new BaseProtocol<Transport>() {}));
            assertEquals(client.protocol(), transport.getProtocol());
            loop.runUntilComplete(servers.get(0).lost);
            loop.runUntilComplete(client.protocol().lost);
            assertTrue(client.transport().isClosing());
            server.close();
            loop.runUntilComplete(server.waitClosed());
        });
        assertTrace("server connection_made", "server data_received boom",
                "handler: Fatal error: protocol.data_received() call failed. java.lang.IllegalStateException: boom transport given: true",
                "server connection_lost java.lang.IllegalStateException: boom", "client connection_lost null");
    }

    @Test
    void aServerMadeNotServingStartsWhenToldAndListsItsSocketsUntilClosed() throws Exception {
        runTest(Clock.system(), loop -> {
            Server server = loop.runUntilComplete(createServer(() -> new Protocol() {}, "127.0.0.1", 0,
                    ServerOptions.DEFAULTS.withStartServing(false)));
            trace("serving " + server.isServing() + ", sockets " + server.getSockets().size());
            server.startServing();
            trace("serving " + server.isServing() + ", bound " + server.getSockets().get(0).getLocalAddress()
                    .equals(server.getBoundAddresses().get(0)));
            server.close();
            loop.runUntilComplete(server.waitClosed());
            trace("serving " + server.isServing() + ", sockets " + server.getSockets().size());
        });
        assertTrace("serving false, sockets 1", "serving true, bound true", "serving false, sockets 0");
    }
}
