// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The graceful-shutdown sample in a JVM of its own: a client's request is in progress when the
 * server gets SIGTERM ({@code kill -TERM}: {@link Process#destroy()} would send it too, but closes our
 * end of the server's output); the client still gets its reply,
 * new connections are refused, and the server exits normally, saying so.
 */
@Timeout(60)
class GracefulShutdownSampleTest {
    private static final Pattern SERVING = Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+), pid (\\d+)");

    @Test
    void onSigtermTheServerStopsAcceptingLetsTheRequestInProgressReplyAndExits() throws Exception {
        Process server = SampleProcess.start("graceful-shutdown", "127.0.0.1", "0");
        try (BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8))) {
            Matcher serving = SERVING.matcher(output.readLine());
            assertTrue(serving.matches(), serving::toString);
            assertEquals(server.pid(), Long.parseLong(serving.group(2)));
            int port = Integer.parseInt(serving.group(1));
            try (Socket client = new Socket("127.0.0.1", port)) {
                OutputStream request = client.getOutputStream();
                request.write("report\n".getBytes(UTF_8));
                request.flush();
                assertEquals("working on report for " + client.getLocalSocketAddress(), output.readLine());
                terminate(server); // while the request is in progress
                assertEquals("SIGTERM: no new connections; draining 1 open connection(s)", output.readLine());
                assertRefused(port);
                BufferedReader replies = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
                assertEquals("done: report", replies.readLine());
                client.shutdownOutput(); // the end of the client's requests: the server closes the connection
                assertEquals(null, replies.readLine());
            }
            List<String> rest = new ArrayList<>();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                rest.add(line);
            }
            assertEquals(List.of("drained: exiting"), rest);
        } finally {
            server.destroyForcibly();
        }
        assertEquals(0, server.waitFor());
    }

    private static void terminate(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
        }
    }

    private static void assertRefused(int port) throws Exception {
        try (Socket late = new Socket("127.0.0.1", port)) {
            throw new AssertionError("a connection after SIGTERM was accepted: " + late);
        } catch (ConnectException refused) {
            assertEquals("Connection refused", refused.getMessage());
        }
    }
}
