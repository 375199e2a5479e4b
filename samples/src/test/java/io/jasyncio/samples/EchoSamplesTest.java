// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The echo server and client samples, each in a process of its own, talk over loopback TCP. */
@Timeout(120)
class EchoSamplesTest {
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

            SampleProcess client = SampleProcess.run("echo-client", output, "127.0.0.1", port);
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
}
