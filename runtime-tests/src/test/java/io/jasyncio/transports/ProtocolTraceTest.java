// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import static io.jasyncio.transports.Transports.createConnection;
import static io.jasyncio.transports.Transports.createServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Clock;
import io.jasyncio.SocketsTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A jasyncio protocol sees, call for call, what a CPython protocol sees for the same exchange with
 * the same scripted CPython peer ({@code peer.py}, run by python3): the order of
 * {@code connection_made}, the data callbacks ({@code data_received}, or {@code get_buffer} and
 * {@code buffer_updated}, including the {@code get_buffer} before the read that finds the end),
 * {@code eof_received}, {@code pause_writing}/{@code resume_writing} at the marks,
 * {@code pause_reading}/{@code resume_reading}, {@code abort}, {@code writelines}, the extra info,
 * and {@code connection_lost} last. Both traces are compared whole.
 */
@Timeout(120)
class ProtocolTraceTest extends SocketsTestSupport {
    private static Path peer;

    @BeforeAll
    static void findPython() throws URISyntaxException {
        assumeTrue(pythonWorks(), "python3 with asyncio is needed for the comparison with CPython");
        peer = Path.of(ProtocolTraceTest.class.getResource("peer.py").toURI());
    }

    private static boolean pythonWorks() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import asyncio").redirectErrorStream(true).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}, {1} protocol")
    @CsvSource({"lockstep, plain", "lockstep, buffered", "abort, plain", "abort, buffered", "pause-reading, plain",
            "pause-reading, buffered", "flow, plain", "flow, buffered"})
    void aClientProtocolSeesWhatCPythonsSees(String scenario, String kind) throws Exception {
        Peer server = python("serve", scenario, "2");
        try {
            int port = Integer.parseInt(server.output.readLine());
            List<String> cpython = linesOf(python("record", scenario, kind, String.valueOf(port)));
            List<String> jasyncio = new ArrayList<>();
            runTest(Clock.system(), loop -> {
                TransportAndProtocol<Transport, BaseProtocol<Transport>> made = loop.runUntilComplete(
                        createConnection(() -> RecordingProtocol.of(kind, scenario).protocol(), "127.0.0.1", port));
                RecordingProtocol recorder = (RecordingProtocol) made.protocol();
                assertSame(made.transport(), recorder.transport, "the transport connectionMade received");
                loop.runUntilComplete(recorder.done());
                jasyncio.addAll(recorder.trace);
            });
            linesOf(server);
            assertEquals(String.join("\n", cpython), String.join("\n", jasyncio));
        } finally {
            server.process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0} protocol")
    @CsvSource({"plain", "buffered"})
    void aServerProtocolSeesWhatCPythonsSees(String kind) throws Exception {
        Peer cpythonServer = python("record-server", "serve", kind);
        List<String> cpython;
        try {
            int port = Integer.parseInt(cpythonServer.output.readLine());
            linesOf(python("connect", "serve", String.valueOf(port)));
            cpython = linesOf(cpythonServer);
        } finally {
            cpythonServer.process.destroyForcibly();
        }
        List<String> jasyncio = new ArrayList<>();
        runTest(Clock.system(), loop -> {
            List<RecordingProtocol> made = new ArrayList<>();
            Server server = loop.runUntilComplete(createServer(() -> {
                made.add(RecordingProtocol.of(kind, "serve"));
                return made.get(0).protocol();
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
            Peer client = python("connect", "serve", String.valueOf(port));
            while (made.isEmpty() || !made.get(0).done().done()) {
                loop.runUntilComplete(io.jasyncio.Asyncio.sleep(0.01));
            }
            server.close();
            loop.runUntilComplete(server.waitClosed());
            linesOf(client);
            jasyncio.addAll(made.get(0).trace);
        });
        assertEquals(String.join("\n", cpython), String.join("\n", jasyncio));
    }

    /** A python3 process running {@code peer.py}, and its standard output. */
    private record Peer(Process process, BufferedReader output) {}

    private static Peer python(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", peer.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Peer(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    }

    /** The rest of what {@code peer} prints, once it has ended well. */
    private static List<String> linesOf(Peer peer) throws InterruptedException {
        List<String> lines = peer.output.lines().toList();
        assertTrue(peer.process.waitFor(60, TimeUnit.SECONDS), "python3 peer.py ends");
        assertEquals(0, peer.process.exitValue(), "python3 peer.py's exit status; it printed " + lines);
        return lines;
    }
}
