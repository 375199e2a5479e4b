// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The every-core echo server: a loop per processor, each serving the same port, each echoing. */
@Timeout(120)
class EchoEveryCoreTest {
    @Test
    void everyLoopServesTheSamePortAndEveryConnectionIsEchoed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free a moment ago: the sample's loops all bind it
        }
        int processors = Runtime.getRuntime().availableProcessors();
        Process server = SampleProcess.start("echo-every-core", String.valueOf(port));
        try (BufferedReader serverOutput = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8))) {
            List<String> serving = new ArrayList<>();
            for (int loop = 0; loop < processors; loop++) {
                serving.add(serverOutput.readLine());
            }
            serving.sort(null);
            List<String> expected = new ArrayList<>();
            for (int loop = 0; loop < processors; loop++) {
                expected.add("loop " + loop + " serving on port " + port);
            }
            assertEquals(expected, serving);
            for (int client = 0; client < 16; client++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("hello " + client + "\n").getBytes(UTF_8));
                    BufferedReader echoes = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                    assertEquals("hello " + client, echoes.readLine());
                }
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
