// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import static io.jasyncio.tls.TlsPair.runUntil;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LogRecorder;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.tls.TlsPair.Producer;
import io.jasyncio.tls.TlsPair.Recorder;
import io.jasyncio.transports.BufferedProtocol;
import io.jasyncio.transports.Transport;
import io.jasyncio.transports.WriteTransport.WriteBufferLimits;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SslProtocol} between two loops' worth of memory transports on one fake clock: the
 * handshake, data both ways, close_notify, aborts, failures, timeouts and flow control, checked by
 * what each application protocol is told.
 */
@Timeout(60)
class SslProtocolTest extends LoopTestSupport {
    private static SSLContext serverContext() throws Exception {
        return TestCertificates.server().serverContext();
    }

    private static SSLContext clientContext() throws Exception {
        return TestCertificates.server().clientContext();
    }

    /** Answers each piece of data with the same in upper case. */
    static final class UpperCaser extends Recorder {
        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport.write(new String(data, US_ASCII).toUpperCase().getBytes(US_ASCII));
        }
    }

    @Test
    void dataGoesBothWaysAndCloseSendsCloseNotifyToWhichThePeerAnswers() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder("hello", true);
            UpperCaser server = new UpperCaser();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.lost && server.lost && pair.clientRaw.lost() && pair.serverRaw.lost());
            assertTrue(client.transport.isClosing());
            assertEquals("HELLO", client.received.toString(US_ASCII));
            assertEquals("hello", server.received.toString(US_ASCII));
            // The server reads close_notify as the end of the stream; the client reads the server's
            // answering close_notify as its own, as asyncio's _do_shutdown calls eof_received.
            assertEquals(List.of("made", "eof after 5 bytes", "lost cleanly"), client.calls);
            assertEquals(List.of("made", "eof after 5 bytes", "lost cleanly"), server.calls);
            assertTrue(pair.clientHandshake.done() && pair.clientHandshake.exception() == null);
            assertTrue(pair.serverHandshake.done() && pair.serverHandshake.exception() == null);
            assertNull(pair.client.getAppTransport(), "dropped once lost");
        });
    }

    @Test
    void theTransportTellsTheSessionsDetailsAndThoseOfTheTransportUnderIt() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            Recorder server = new Recorder();
            SSLContext clientContext = clientContext();
            TlsPair pair = new TlsPair(loop, client, clientContext, "localhost", server, serverContext());
            runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
            Transport transport = client.transport;
            assertSame(clientContext, transport.getExtraInfo("sslcontext"));
            SSLEngine engine = (SSLEngine) transport.getExtraInfo("ssl_object");
            assertEquals("TLSv1.3", engine.getSession().getProtocol());
            assertEquals(engine.getSession().getCipherSuite(), transport.getExtraInfo("cipher"));
            X509Certificate peer = (X509Certificate) transport.getExtraInfo("peercert");
            assertEquals("CN=localhost", peer.getSubjectX500Principal().getName());
            assertNull(server.transport.getExtraInfo("peercert"), "the client sent no certificate");
            assertEquals("memory:server", transport.getExtraInfo("peername"));
            assertEquals("fallback", transport.getExtraInfo("nothing of that name", "fallback"));
            assertFalse(transport.canWriteEof());
            assertThrows(UnsupportedOperationException.class, transport::writeEof);
            assertEquals(new WriteBufferLimits(128 * 1024, 512 * 1024), transport.getWriteBufferLimits());
            transport.setWriteBufferLimits(-1, 1000);
            assertEquals(new WriteBufferLimits(1000, 4000), transport.getWriteBufferLimits());
            assertThrows(IllegalArgumentException.class, () -> transport.setWriteBufferLimits(1, 2));
            assertSame(client, transport.getProtocol());
            transport.abort();
            runUntil(loop, () -> client.lost && server.lost);
        });
    }

    @Test
    void closeSendsEverythingWrittenBeforeCloseNotify() throws Exception {
        byte[] payload = randomBytes(3_000_000);
        runTest(loop -> {
            Recorder client = TlsPair.writingThenClosing(payload);
            Recorder server = new Recorder();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.lost && server.lost);
            assertArrayEquals(payload, server.received.toByteArray());
            assertEquals(List.of("made", "eof after 3000000 bytes", "lost cleanly"), server.calls);
            // One write goes to the raw transport whole, which buffers it: the application is not paused, as in asyncio.
            assertEquals(List.of("made", "eof after 0 bytes", "lost cleanly"), client.calls);
            assertTrue(pair.clientRaw.lost());
        });
    }

    @Test
    void abortDropsWhatIsBufferedAndThePeerSeesTheCutRecord() throws Exception {
        byte[] payload = randomBytes(8_000_000);
        runTest(loop -> {
            Producer client = new Producer(loop, payload, false);
            Recorder server = new Recorder() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    transport.pauseReading();
                }
            };
            new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.calls.contains("pauseWriting"));
            int buffered = client.transport.getWriteBufferSize();
            assertTrue(buffered >= 512 * 1024, "buffered: " + buffered);
            client.transport.abort();
            assertTrue(client.transport.isClosing());
            server.transport.resumeReading();
            runUntil(loop, () -> client.lost && server.lost);
            // Paused, resumed once while the server's TLS still read its first 256 KiB, paused again.
            assertEquals(List.of("made", "pauseWriting", "resumeWriting", "pauseWriting", "lost cleanly"), client.calls);
            int received = server.received.size();
            assertTrue(received <= client.sent - buffered, received + " bytes received of " + client.sent + " sent");
            assertArrayEquals(Arrays.copyOf(payload, received), server.received.toByteArray());
            // The socket sent part of a record before the abort dropped the rest.
            assertEquals(List.of("made", "lost SSLException"), server.calls);
            assertTrue(server.lostBy.getMessage().startsWith("EOF occurred in violation of protocol"), server.lostBy.getMessage());
        });
    }

    @Test
    void anUntrustedCertificateFailsBothHandshakesWithTheReason() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            Recorder server = new Recorder();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server,
                    TestCertificates.stranger().serverContext());
            runUntil(loop, () -> pair.clientRaw.lost() && pair.serverRaw.lost() && pair.serverHandshake.done());
            Throwable clientFailure = pair.clientHandshake.exception();
            assertInstanceOf(SSLHandshakeException.class, clientFailure);
            assertTrue(clientFailure.getMessage().contains("PKIX path"), clientFailure.getMessage()); // JDK 25 prefixes "(certificate_unknown) "
            Throwable serverFailure = pair.serverHandshake.exception();
            assertInstanceOf(SSLHandshakeException.class, serverFailure);
            assertTrue(serverFailure.getMessage().endsWith("Received fatal alert: certificate_unknown"), serverFailure.getMessage());
            assertEquals(List.of(), client.calls, "the application never knew of the connection");
            assertEquals(List.of(), server.calls);
        });
    }

    @Test
    void aCertificateForAnotherHostFailsTheHandshake() throws Exception {
        runTest(loop -> {
            TlsPair pair = new TlsPair(loop, new Recorder(), clientContext(), "example.org", new Recorder(), serverContext());
            runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
            Throwable failure = pair.clientHandshake.exception();
            assertInstanceOf(SSLHandshakeException.class, failure);
            assertTrue(failure.getMessage().contains("No subject alternative DNS name matching example.org found."), failure.getMessage());
            String serverMessage = pair.serverHandshake.exception().getMessage();
            assertTrue(serverMessage.endsWith("Received fatal alert: certificate_unknown"), serverMessage);
        });
    }

    @Test
    void anEmptyServerHostnameChecksNoName() throws Exception {
        runTest(loop -> {
            TlsPair pair = new TlsPair(loop, new Recorder(), clientContext(), "", new Recorder(), serverContext());
            runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
            assertNull(pair.clientHandshake.exception());
            pair.client.getAppTransport().abort();
            runUntil(loop, () -> pair.serverRaw.lost());
        });
    }

    @Test
    void aPeerThatNeverAnswersTimesTheHandshakeOut() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            var waiter = loop.<Void>createFuture();
            SslProtocol tls = new SslProtocol(loop, client, clientContext(), waiter, false, "localhost", true, 5.0, 30.0);
            Recorder silent = new Recorder();
            MemoryTransport[] ends = MemoryTransport.pair(loop, tls, silent);
            double[] failedAt = new double[1];
            waiter.addDoneCallback(done -> failedAt[0] = loop.time());
            runUntil(loop, waiter::done);
            assertEquals(5.0, failedAt[0], 1e-9);
            Throwable failure = waiter.exception();
            assertInstanceOf(SocketTimeoutException.class, failure);
            assertEquals("SSL handshake is taking longer than 5.0 seconds: aborting the connection", failure.getMessage());
            runUntil(loop, () -> ends[0].lost() && silent.lost);
            assertEquals(List.of(), client.calls);
            assertTrue(silent.received.size() > 0, "the client hello was sent");
        });
    }

    @Test
    void aPeerThatNeverAnswersCloseNotifyTimesTheShutdownOut() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            Recorder server = new Recorder();
            var clientHandshake = loop.<Void>createFuture();
            SslProtocol clientTls = new SslProtocol(loop, client, clientContext(), clientHandshake, false, "localhost",
                    true, 60.0, 7.0);
            SslProtocol serverTls = new SslProtocol(loop, server, serverContext(), null, true, null, true, 60.0, 30.0);
            MemoryTransport[] ends = MemoryTransport.pair(loop, clientTls, serverTls);
            runUntil(loop, () -> server.transport != null && clientHandshake.done());
            ends[1].pauseReading(); // the server no longer reads: the close_notify stays unanswered
            double closedAt = loop.time();
            client.transport.close();
            runUntil(loop, () -> client.lost);
            assertEquals(closedAt + 7.0, client.lostAt, 1e-9);
            assertInstanceOf(SocketTimeoutException.class, client.lostBy);
            assertEquals("SSL shutdown timed out", client.lostBy.getMessage());
            assertEquals(List.of("made", "lost SocketTimeoutException"), client.calls);
            ends[1].resumeReading();
            runUntil(loop, () -> server.lost);
        });
    }

    @Test
    void aPeerThatClosesInTheMiddleOfARecordLosesTheConnectionWithAnError() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            Recorder server = new Recorder();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
            // Application data, 100 bytes announced, 3 sent.
            pair.clientRaw.write(new byte[] {23, 3, 3, 0, 100, 1, 2, 3});
            pair.clientRaw.close();
            runUntil(loop, () -> server.lost);
            assertInstanceOf(SSLException.class, server.lostBy);
            assertTrue(server.lostBy.getMessage().startsWith("EOF occurred in violation of protocol"), server.lostBy.getMessage());
            assertEquals(List.of("made", "lost SSLException"), server.calls);
            runUntil(loop, () -> client.lost);
        });
    }

    @Test
    void aPeerThatClosesBetweenRecordsWithoutCloseNotifyEndsTheStreamCleanly() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder("last words", false);
            Recorder server = new Recorder();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> server.received.size() == 10);
            pair.clientRaw.close();
            runUntil(loop, () -> server.lost && client.lost);
            assertEquals(List.of("made", "eof after 10 bytes", "lost cleanly"), server.calls);
        });
    }

    @Test
    void aReaderThatPausesPausesTheWriterThroughBothTransports() throws Exception {
        byte[] payload = randomBytes(10_000_000);
        runTest(loop -> {
            Producer client = new Producer(loop, payload, true);
            Recorder server = new Recorder() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    transport.pauseReading();
                }
            };
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.calls.contains("pauseWriting"));
            double pausedAt = loop.time();
            runUntil(loop, () -> loop.time() > pausedAt + 1);
            // The server's TLS holds 256 KiB and pauses its socket; the client's socket buffer fills and
            // pauses the client's TLS, which holds 512 KiB and pauses the client.
            assertFalse(server.transport.isReading());
            assertEquals(0, server.received.size(), "the paused application received nothing");
            // Paused, resumed once while the server's TLS still read its first 256 KiB, paused again.
            assertEquals(List.of("pauseReading"), pair.serverRaw.events);
            assertEquals(List.of("pauseWriting", "resumeWriting", "pauseWriting"), pair.clientRaw.events);
            assertEquals(List.of("made", "pauseWriting", "resumeWriting", "pauseWriting"), client.calls);
            assertTrue(client.sent < 2_000_000, "sent before pausing: " + client.sent);
            server.transport.resumeReading();
            runUntil(loop, () -> client.lost && server.lost);
            assertArrayEquals(payload, server.received.toByteArray());
            assertEquals("made", client.calls.get(0));
            for (int i = 1; i < client.calls.size() - 2; i++) {
                assertEquals(i % 2 == 1 ? "pauseWriting" : "resumeWriting", client.calls.get(i), "call " + i + " of " + client.calls);
            }
            assertEquals(List.of("eof after 0 bytes", "lost cleanly"), client.calls.subList(client.calls.size() - 2, client.calls.size()));
            assertEquals(List.of("made", "eof after 10000000 bytes", "lost cleanly"), server.calls);
        });
    }

    /** An application {@link BufferedProtocol} with a small buffer, which it copies out of. */
    static final class SmallBuffers extends Recorder implements BufferedProtocol {
        private final ByteBuffer buffer = ByteBuffer.allocate(1000);

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int byteCount) {
            received.write(buffer.array(), 0, byteCount);
        }
    }

    @Test
    void aBufferedApplicationProtocolReadsIntoItsOwnBuffer() throws Exception {
        byte[] payload = randomBytes(200_000);
        runTest(loop -> {
            Recorder client = TlsPair.writingThenClosing(payload);
            SmallBuffers server = new SmallBuffers();
            new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.lost && server.lost);
            assertArrayEquals(payload, server.received.toByteArray());
            assertEquals(List.of("made", "eof after 200000 bytes", "lost cleanly"), server.calls);
        });
    }

    @Test
    void startTlsUpgradesAPlainConnectionInPlace() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            UpperCaser server = new UpperCaser();
            MemoryTransport[] ends = MemoryTransport.pair(loop, client, server);
            runUntil(loop, () -> client.transport != null && server.transport != null);
            client.transport.write("plain ".getBytes(US_ASCII));
            runUntil(loop, () -> client.received.size() == 6);
            var clientTls = loop.createTask(Tls.startTls(ends[0], client, clientContext(), false, "localhost"));
            var serverTls = loop.createTask(Tls.startTls(ends[1], server, serverContext(), true, null));
            runUntil(loop, () -> clientTls.done() && serverTls.done());
            Transport tls = clientTls.result();
            server.transport = serverTls.result();
            assertInstanceOf(SSLEngine.class, tls.getExtraInfo("ssl_object"));
            tls.write("secret".getBytes(US_ASCII));
            runUntil(loop, () -> client.received.size() == 12);
            assertEquals("PLAIN SECRET", client.received.toString(US_ASCII));
            tls.close();
            runUntil(loop, () -> client.lost && server.lost);
            assertEquals(List.of("made", "eof after 12 bytes", "lost cleanly"), client.calls);
            assertEquals(List.of("made", "eof after 12 bytes", "lost cleanly"), server.calls);
        });
    }

    @Test
    void startTlsThatFailsClosesTheTransport() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder();
            Recorder server = new Recorder();
            MemoryTransport[] ends = MemoryTransport.pair(loop, client, server);
            runUntil(loop, () -> client.transport != null && server.transport != null);
            var clientTls = loop.createTask(Tls.startTls(ends[0], client, clientContext(), false, "localhost"));
            var serverTls = loop.createTask(Tls.startTls(ends[1], server, TestCertificates.stranger().serverContext(), true, null));
            runUntil(loop, () -> clientTls.done() && serverTls.done() && client.lost && server.lost);
            assertInstanceOf(SSLHandshakeException.class, clientTls.exception());
            assertInstanceOf(SSLHandshakeException.class, serverTls.exception());
            // Connected before the upgrade, the application protocols learn that the connection is lost.
            assertEquals(List.of("made", "lost SSLHandshakeException"), client.calls);
            assertEquals(List.of("made", "lost SSLHandshakeException"), server.calls);
        });
    }

    @Test
    void anEcCertificateServesAsWellAsAnRsaOne() throws Exception {
        runTest(loop -> {
            UpperCaser server = new UpperCaser();
            Recorder client = new Recorder("ec", false);
            TestCertificates.Pair stranger = TestCertificates.stranger();
            new TlsPair(loop, client, stranger.clientContext(), "localhost", server, stranger.serverContext());
            runUntil(loop, () -> client.received.size() == 2);
            assertEquals("EC", client.received.toString(US_ASCII));
            client.transport.close();
            runUntil(loop, () -> client.lost && server.lost);
        });
    }

    @Test
    void anApplicationProtocolThatThrowsHasItsConnectionAbortedAndTheErrorReported() throws Exception {
        List<Map<String, Object>> reported = new ArrayList<>();
        runTest(loop -> {
            loop.setExceptionHandler((failed, context) -> reported.add(context));
            Recorder client = new Recorder("boom", false);
            IllegalStateException bug = new IllegalStateException("a bug in dataReceived");
            Recorder server = new Recorder() {
                @Override
                public void dataReceived(byte[] data) {
                    throw bug;
                }
            };
            new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            runUntil(loop, () -> client.lost && server.lost);
            assertEquals(List.of("made", "lost IllegalStateException"), server.calls);
            assertSame(bug, server.lostBy);
            assertEquals(1, reported.size());
            assertEquals("Fatal error on SSL protocol", reported.get(0).get("message"));
            assertSame(bug, reported.get(0).get("exception"));
            assertInstanceOf(SslProtocol.class, reported.get(0).get("protocol"));
        });
    }

    @Test
    void writesAfterCloseAreDroppedAndFromTheSixthOnEachIsLogged() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(loop -> {
                Recorder client = new Recorder();
                Recorder server = new Recorder();
                TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
                runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
                client.transport.close();
                for (int i = 0; i < 7; i++) {
                    client.transport.write("late".getBytes(US_ASCII));
                }
                assertEquals(0, client.transport.getWriteBufferSize());
                runUntil(loop, () -> client.lost && server.lost);
                assertEquals(0, server.received.size());
            });
            assertEquals(2, log.about("SSL connection is closed").size());
        }
    }

    @Test
    void keepingTheConnectionOpenAfterTheEndOfTheStreamIsNotPossibleAndLogged() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(loop -> {
                Recorder client = new Recorder();
                Recorder server = new Recorder() {
                    @Override
                    public boolean eofReceived() {
                        super.eofReceived();
                        return true;
                    }
                };
                TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
                runUntil(loop, () -> pair.clientHandshake.done() && pair.serverHandshake.done());
                client.transport.close();
                runUntil(loop, () -> client.lost && server.lost);
                assertEquals(List.of("made", "eof after 0 bytes", "lost cleanly"), server.calls);
            });
            assertEquals(1, log.about("returning true from eofReceived() has no effect when using ssl").size());
        }
    }

    @Test
    void tls12ClosesAsTls13Does() throws Exception {
        runTest(loop -> {
            Recorder client = new Recorder("twelve", true);
            UpperCaser server = new UpperCaser();
            TlsPair pair = new TlsPair(loop, client, clientContext(), "localhost", server, serverContext());
            pair.client.ssl.engine().setEnabledProtocols(new String[] {"TLSv1.2"});
            runUntil(loop, () -> client.lost && server.lost && pair.clientRaw.lost() && pair.serverRaw.lost());
            assertEquals("TLSv1.2", ((SSLEngine) pair.server.extraInfo("ssl_object", null)).getSession().getProtocol());
            assertEquals("TWELVE", client.received.toString(US_ASCII));
            assertEquals(List.of("made", "eof after 6 bytes", "lost cleanly"), client.calls);
            assertEquals(List.of("made", "eof after 6 bytes", "lost cleanly"), server.calls);
        });
    }

    @Test
    void badTimeoutsAndAServerWithoutContextAreRefused() throws Exception {
        runTest(loop -> {
            Recorder app = new Recorder();
            assertEquals("ssl_handshake_timeout should be a positive number, got 0.0", assertThrows(IllegalArgumentException.class,
                    () -> new SslProtocol(loop, app, null, null, false, null, true, 0, 30)).getMessage());
            assertEquals("ssl_shutdown_timeout should be a positive number, got -1.0", assertThrows(IllegalArgumentException.class,
                    () -> new SslProtocol(loop, app, null, null, false, null, true, 60, -1)).getMessage());
            assertEquals("Server side SSL needs a valid SSLContext", assertThrows(IllegalArgumentException.class,
                    () -> new SslProtocol(loop, app, null, null, true, null, true, 60, 30)).getMessage());
            SslProtocol defaultClient = new SslProtocol(loop, app, null, null, false, "example.org", true, 60, 30);
            assertSame(SSLContext.getDefault(), defaultClient.getAppTransport().getExtraInfo("sslcontext"));
        });
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
