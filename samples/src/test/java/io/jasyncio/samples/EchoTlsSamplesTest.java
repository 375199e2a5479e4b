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
 * {@code echo-server --tls} with a certificate that {@code openssl} makes as the README shows,
 * talking to CPython's {@code asyncio.open_connection(..., ssl=ctx)}, which verifies the certificate,
 * and to {@code echo-client --tls}.
 */
@Timeout(180)
class EchoTlsSamplesTest {
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
    Path scratch;

    @Test
    void cpythonAndTheEchoClientTalkTlsToTheEchoServer() throws Exception {
        Path certificate = scratch.resolve("cert.pem");
        Path key = scratch.resolve("key.pem");
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
            assertTrue(serverOutput.readLine().startsWith("connection from /127.0.0.1:"));
            assertTrue(serverOutput.readLine().startsWith("closed by /127.0.0.1:"));

            SampleProcess client = SampleProcess.run("echo-client", scratch, "--tls", certificate.toString(), "127.0.0.1", port);
            assertEquals("echo: hello\necho: from jasyncio\necho: bye\n", client.stdoutText(), client.stderr());
            assertEquals(0, client.exitStatus(), client.stderr());
            assertEquals("", client.stderr());
            assertTrue(serverOutput.readLine().startsWith("connection from /127.0.0.1:"));
            assertTrue(serverOutput.readLine().startsWith("closed by /127.0.0.1:"));
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code command} to its end and returns its standard output; fails if it fails. */
    private String run(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(scratch, "stdout", ".txt");
        Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command.get(0) + " did not end");
        assertEquals(0, process.exitValue(), command.get(0) + " failed:\n" + Files.readString(stderr, UTF_8));
        return Files.readString(stdout, UTF_8);
    }
}
