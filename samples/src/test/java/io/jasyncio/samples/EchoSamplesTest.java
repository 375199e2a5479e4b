// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo server and client samples, each in a process of its own, talk over loopback TCP, plainly
 * and with {@code --tls} (a certificate made by {@code openssl} as the README shows, verified by
 * CPython's {@code asyncio.open_connection(..., ssl=ctx)} and by the sample client).
 */
@Timeout(180)
class EchoSamplesTest {
    /** CPython's client: sends the echo client's lines over TLS, trusting only argv[1], and prints each reply. */
    private static final String CPYTHON_CLIENT = String.join("\n",
            "import asyncio, ssl, sys",
            "async def main(cafile, port):",
            "    context = ssl.create_default_context(cafile=cafile)",
            "    reader, writer = await asyncio.open_connection('127.0.0.1', port, ssl=context)",
            "    print('verified:', writer.get_extra_info('peercert')['subjectAltName'])",
            "    for line in (b'hello\\n', b'from cpython\\n'):",
            "        writer.write(line)",
            "        await writer.drain()",
            "        print('echo:', (await reader.readline()).decode(), end='')",
            "    writer.close()",
            "    await writer.wait_closed()",
            "asyncio.run(main(sys.argv[1], int(sys.argv[2])))");

    @TempDir
    Path output;

    @Test
    void theClientPrintsWhatTheServerEchoes() throws Exception {
        Process server = SampleProcess.start("echo-server", "127.0.0.1", "0");
        try (BufferedReader serverOutput = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8))) {
            String serving = serverOutput.readLine();
            assertNotNull(serving, "the server printed nothing");
            assertTrue(serving.startsWith("serving on 127.0.0.1:"), serving);
            String port = serving.substring(serving.lastIndexOf(':') + 1);

            assertEchoClientTalks(serverOutput, "127.0.0.1", port);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code echo-client arguments...} and checks what it and the server print. */
    private void assertEchoClientTalks(BufferedReader serverOutput, String... arguments) throws Exception {
        SampleProcess client = SampleProcess.run("echo-client", output, arguments);
        assertEquals("echo: hello\necho: from jasyncio\necho: bye\n", client.stdoutText(), client.stderr());
        assertEquals(0, client.exitStatus(), client.stderr());
        assertEquals("", client.stderr());
        assertServerSawOneConnection(serverOutput);
    }

    private static void assertServerSawOneConnection(BufferedReader serverOutput) throws IOException {
        assertTrue(serverOutput.readLine().startsWith("connection from /127.0.0.1:"));
        assertTrue(serverOutput.readLine().startsWith("closed by /127.0.0.1:"));
    }

    @Test
    void cpythonAndTheEchoClientTalkTlsToTheEchoServer() throws Exception {
        Path certificate = output.resolve("cert.pem");
        Path key = output.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", certificate.toString(), "-days", "365", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));

        Process server = SampleProcess.start("echo-server", "--tls", certificate.toString(), key.toString(), "127.0.0.1", "0");
        try (BufferedReader serverOutput = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8))) {
            String serving = serverOutput.readLine();
            assertNotNull(serving, "the server printed nothing");
            assertTrue(serving.matches("serving on 127\\.0\\.0\\.1:[0-9]+ over TLS"), serving);
            String port = serving.substring(serving.lastIndexOf(':') + 1, serving.indexOf(" over TLS"));

            String printed = run(List.of("python3", "-c", CPYTHON_CLIENT, certificate.toString(), port));
            assertEquals("verified: (('DNS', 'localhost'), ('IP Address', '127.0.0.1'))\necho: hello\necho: from cpython\n", printed);
            assertServerSawOneConnection(serverOutput);

            assertEchoClientTalks(serverOutput, "--tls", certificate.toString(), "127.0.0.1", port);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code command} to its end and returns its standard output; fails if it fails. */
    private String run(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(output, "stdout", ".txt");
        Path stderr = Files.createTempFile(output, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command.get(0) + " did not end");
        assertEquals(0, process.exitValue(), command.get(0) + " failed:\n" + Files.readString(stderr, UTF_8));
        return Files.readString(stdout, UTF_8);
    }
}
