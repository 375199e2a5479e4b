// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.toThread;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.SocketsTestSupport;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.ClientConnectedCallback;
import io.jasyncio.streams.Connection;
import io.jasyncio.transports.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.ConnectionOptions;
import io.jasyncio.transports.ServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jasyncio's TLS against CPython 3.11's asyncio ({@code tls_peer.py}) over loopback, both ways: a
 * CPython client of a jasyncio server and a jasyncio client of a CPython server, each echoing lines,
 * sending 10 MB each way at once, failing the handshake on an untrusted certificate, meeting a peer
 * that closes in the middle of a record or never answers the handshake, and upgrading a plain
 * connection with {@code start_tls}. No socket of this process is left open after any of them.
 */
@Timeout(180)
class CPythonTlsTest extends SocketsTestSupport {
    private static final int BULK = 10_000_000;

    /** What the jasyncio side saw, line by line, from any task. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private static SSLContext serverContext() throws IOException {
        return TestCertificates.server().serverContext();
    }

    private static SSLContext trustingServer() throws IOException {
        return TestCertificates.server().clientContext();
    }

    // ---------------------------------------------------------------------------------------------
    // What the jasyncio side does

    /** Sends each line back until the end of the stream. */
    @Async
    Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] line;
        try {
            while ((line = await(reader.readline())).length > 0) {
                seen.add("line: " + new String(line, US_ASCII).strip());
                writer.write(line);
                await(writer.drain());
            }
            seen.add("end of stream");
        } catch (IOException failure) {
            seen.add("failed: " + failure);
        }
        writer.close();
        return result(null);
    }

    /** Sends and receives 10 MB at once, and records whether what arrived is intact. */
    @Async
    Coroutine<Void> bulk(StreamReader reader, StreamWriter writer) throws IOException {
        Task<Void> sending = createTask(sendBulk(writer));
        MessageDigest digest = sha256();
        int total = 0;
        byte[] chunk;
        while (total < BULK && (chunk = await(reader.read(65536))).length > 0) {
            digest.update(chunk);
            total += chunk.length;
        }
        await(sending);
        seen.add("received " + total + " bytes " + (MessageDigest.isEqual(digest.digest(), sha256().digest(bulkPayload()))
                ? "intact" : "DAMAGED"));
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    @Async
    static Coroutine<Void> sendBulk(StreamWriter writer) throws IOException {
        byte[] payload = bulkPayload();
        for (int offset = 0; offset < payload.length; offset += 65536) {
            writer.write(payload, offset, Math.min(65536, payload.length - offset));
            await(writer.drain());
        }
        return result(null);
    }

    /** The 10 MB that tls_peer.py sends too: SHA-256("jasyncio") 1,024 times, over and over. */
    static byte[] bulkPayload() {
        byte[] block = sha256().digest("jasyncio".getBytes(US_ASCII));
        byte[] payload = new byte[BULK];
        for (int offset = 0; offset < BULK; offset += block.length) {
            System.arraycopy(block, 0, payload, offset, Math.min(block.length, BULK - offset));
        }
        return payload;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Starts a TLS server with {@code handler}, runs a CPython client in {@code mode} against it, and returns what it printed. */
    @Async
    static Coroutine<List<String>> serveCPythonClient(ClientConnectedCallback handler, ServerOptions options,
            TestCertificates.Pair trusted, String mode) throws IOException {
        Server server = await(startServer(handler, "127.0.0.1", 0, options));
        int port = ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
        try {
            return result(await(toThread(() -> PythonPeer.client(trusted, port, mode))));
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    private List<String> runCPythonClient(ClientConnectedCallback handler, ServerOptions options,
            TestCertificates.Pair trusted, String mode) throws Exception {
        List<List<String>> printed = new ArrayList<>();
        runTest(Clock.system(), loop -> printed.add(loop.runUntilComplete(serveCPythonClient(handler, options, trusted, mode))));
        return printed.get(0);
    }

    // ---------------------------------------------------------------------------------------------
    // A CPython client, a jasyncio server

    @Test
    void aCPythonClientTalksToAJasyncioServer() throws Exception {
        List<String> printed = runCPythonClient(this::echo, ServerOptions.DEFAULTS.withSsl(serverContext()),
                TestCertificates.server(), "echo");
        assertEquals(List.of("tls: TLSv1.3 peer localhost", "echo: hello", "echo: over tls", "done"), printed);
        assertEquals(List.of("line: hello", "line: over tls", "end of stream"), seen);
    }

    @Test
    void aCPythonClientAndAJasyncioServerSendTenMegabytesEachWayAtOnce() throws Exception {
        List<String> printed = runCPythonClient(this::bulk, ServerOptions.DEFAULTS.withSsl(serverContext()),
                TestCertificates.server(), "bulk");
        assertEquals(List.of("tls: TLSv1.3 peer localhost", "received 10000000 bytes intact", "done"), printed);
        assertEquals(List.of("received 10000000 bytes intact"), seen);
    }

    @Test
    void aCPythonClientThatDoesNotTrustTheServerFailsTheHandshakeAndTheServerSeesWhy() throws Exception {
        List<Map<String, Object>> reported = new CopyOnWriteArrayList<>();
        List<List<String>> printed = new ArrayList<>();
        runTest(Clock.system(), loop -> {
            loop.setDebug(true); // as in asyncio, a failed handshake of an incoming connection is reported in debug mode
            loop.setExceptionHandler((failed, context) -> reported.add(context));
            printed.add(loop.runUntilComplete(serveCPythonClient(this::echo, ServerOptions.DEFAULTS.withSsl(serverContext()),
                    TestCertificates.stranger(), "echo")));
        });
        assertEquals(List.of("handshake failed: SSLCertVerificationError CERTIFICATE_VERIFY_FAILED self-signed certificate",
                "done"), printed.get(0));
        assertEquals(1, reported.size(), "reports: " + reported);
        assertEquals("Error on transport creation for incoming connection", reported.get(0).get("message"));
        // CPython closes without an alert, so all the server can say is that the handshake was cut.
        Throwable failure = (Throwable) reported.get(0).get("exception");
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertEquals("Remote host terminated the handshake", failure.getMessage());
        assertEquals(List.of(), seen, "the handler never ran");
    }

    @Test
    void aCPythonClientThatClosesInTheMiddleOfARecordFailsTheRead() throws Exception {
        List<String> printed = runCPythonClient(this::echo, ServerOptions.DEFAULTS.withSsl(serverContext()),
                TestCertificates.server(), "cut");
        assertEquals(List.of("handshake done TLSv1.3", "echo: whole line", "done"), printed);
        assertEquals(2, seen.size(), "seen: " + seen);
        assertEquals("line: whole line", seen.get(0));
        assertTrue(seen.get(1).startsWith("failed: javax.net.ssl.SSLException: EOF occurred in violation of protocol"), seen.get(1));
    }

    @Test
    void aCPythonClientThatNeverSpeaksTlsIsDroppedAfterTheHandshakeTimeout() throws Exception {
        List<String> printed = runCPythonClient(this::echo,
                ServerOptions.DEFAULTS.withSsl(serverContext()).withSslHandshakeTimeout(0.5), TestCertificates.server(), "silent");
        assertEquals(List.of("the server closed after 0 bytes", "done"), printed);
        assertEquals(List.of(), seen);
    }

    /** Answers "STARTTLS" with "OK", then upgrades the connection and echoes. */
    @Async
    Coroutine<Void> startTlsThenEcho(StreamReader reader, StreamWriter writer) throws IOException {
        seen.add("plain: " + new String(await(reader.readline()), US_ASCII).strip());
        writer.write("OK\n".getBytes(US_ASCII));
        await(writer.drain());
        await(writer.startTls(serverContext()));
        await(echo(reader, writer));
        return result(null);
    }

    @Test
    void aCPythonClientUpgradesAPlainConnectionToAJasyncioServer() throws Exception {
        List<String> printed = runCPythonClient(this::startTlsThenEcho, ServerOptions.DEFAULTS, TestCertificates.server(), "starttls");
        assertEquals(List.of("plain: OK", "tls: TLSv1.3 peer localhost", "echo: hello", "echo: over tls", "done"), printed);
        assertEquals(List.of("plain: STARTTLS", "line: hello", "line: over tls", "end of stream"), seen);
    }

    // ---------------------------------------------------------------------------------------------
    // A jasyncio client, a CPython server

    /** Runs {@code client} against a CPython server in {@code mode} presenting {@code certificate}; returns what the server printed. */
    private List<String> againstCPythonServer(TestCertificates.Pair certificate, String mode, ClientBody client) throws Exception {
        PythonPeer server = PythonPeer.server(certificate, mode);
        try {
            runTest(Clock.system(), loop -> loop.runUntilComplete(client.run(server.port())));
            return server.finish();
        } finally {
            server.kill();
        }
    }

    /** What a test's jasyncio client does with the port of the CPython server. */
    @FunctionalInterface
    interface ClientBody {
        Coroutine<Void> run(int port) throws IOException;
    }

    /** Sends two lines and records what comes back, then closes. */
    @Async
    Coroutine<Void> talk(Connection connection) throws IOException {
        for (String line : List.of("hello", "over tls")) {
            connection.writer().write((line + "\n").getBytes(US_ASCII));
            await(connection.writer().drain());
            seen.add("echo: " + new String(await(connection.reader().readline()), US_ASCII).strip());
        }
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(null);
    }

    @Async
    Coroutine<Void> echoClient(int port) throws IOException {
        Connection connection = await(openConnection("127.0.0.1", port, trustingServer(), null));
        await(talk(connection));
        return result(null);
    }

    @Test
    void aJasyncioClientTalksToACPythonServer() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.server(), "echo", this::echoClient);
        assertEquals(List.of("line: hello", "line: over tls", "end of stream", "done"), printed);
        assertEquals(List.of("echo: hello", "echo: over tls"), seen);
    }

    @Async
    Coroutine<Void> bulkClient(int port) throws IOException {
        Connection connection = await(openConnection("localhost", port, trustingServer(), null));
        await(bulk(connection.reader(), connection.writer()));
        return result(null);
    }

    @Test
    void aJasyncioClientAndACPythonServerSendTenMegabytesEachWayAtOnce() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.server(), "bulk", this::bulkClient);
        assertEquals(List.of("received 10000000 bytes intact", "done"), printed);
        assertEquals(List.of("received 10000000 bytes intact"), seen);
    }

    @Async
    Coroutine<Void> untrustingClient(int port) throws IOException {
        try {
            await(openConnection("127.0.0.1", port, trustingServer(), null));
            fail("connected to a server it does not trust");
        } catch (SSLHandshakeException expected) {
            seen.add(expected.getMessage());
        }
        return result(null);
    }

    @Test
    void aJasyncioClientThatDoesNotTrustTheServerFailsTheHandshakeAndTheServerSeesWhy() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.stranger(), "echo", this::untrustingClient);
        assertEquals(List.of("server error: SSLError SSLV3_ALERT_CERTIFICATE_UNKNOWN", "done"), printed);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).contains("PKIX path"), seen.get(0));
    }

    @Async
    Coroutine<Void> clientOfACutRecord(int port) throws IOException {
        Connection connection = await(openConnection("127.0.0.1", port, trustingServer(), "localhost"));
        seen.add("line: " + new String(await(connection.reader().readline()), US_ASCII).strip());
        try {
            await(connection.reader().readline());
            fail("read past a cut record");
        } catch (SSLException expected) {
            seen.add(expected.getMessage());
        }
        try {
            await(connection.writer().waitClosed());
            fail("closed cleanly after a cut record");
        } catch (SSLException expected) {
            // the same failure
        }
        return result(null);
    }

    @Test
    void aCPythonServerThatClosesInTheMiddleOfARecordFailsTheRead() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.server(), "cut", this::clientOfACutRecord);
        assertEquals(List.of("handshake done TLSv1.3", "done"), printed);
        assertEquals(2, seen.size(), "seen: " + seen);
        assertEquals("line: whole line", seen.get(0));
        assertTrue(seen.get(1).startsWith("EOF occurred in violation of protocol"), seen.get(1));
    }

    @Async
    Coroutine<Void> clientOfASilentServer(int port) throws IOException {
        ConnectionOptions options = ConnectionOptions.DEFAULTS.withSsl(trustingServer()).withSslHandshakeTimeout(0.5);
        try {
            await(openConnection("127.0.0.1", port, options));
            fail("connected without a handshake");
        } catch (SocketTimeoutException expected) {
            seen.add(expected.getMessage());
        }
        return result(null);
    }

    @Test
    void aCPythonServerThatNeverAnswersTimesTheHandshakeOut() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.server(), "silent", this::clientOfASilentServer);
        assertEquals(2, printed.size(), "printed: " + printed);
        assertTrue(printed.get(0).matches("the client closed after [1-9][0-9]* bytes"), printed.get(0)); // its client hello
        assertEquals(List.of("SSL handshake is taking longer than 0.5 seconds: aborting the connection"), seen);
    }

    @Async
    Coroutine<Void> startTlsClient(int port) throws IOException {
        Connection connection = await(openConnection("127.0.0.1", port));
        connection.writer().write("STARTTLS\n".getBytes(US_ASCII));
        seen.add("plain: " + new String(await(connection.reader().readline()), US_ASCII).strip());
        await(connection.writer().startTls(trustingServer(), "localhost"));
        await(talk(connection));
        return result(null);
    }

    @Test
    void aJasyncioClientUpgradesAPlainConnectionToACPythonServer() throws Exception {
        List<String> printed = againstCPythonServer(TestCertificates.server(), "starttls", this::startTlsClient);
        assertEquals(List.of("plain: STARTTLS", "line: hello", "line: over tls", "end of stream", "done"), printed);
        assertEquals(List.of("plain: OK", "echo: hello", "echo: over tls"), seen);
    }
}
