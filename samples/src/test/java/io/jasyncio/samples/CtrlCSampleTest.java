// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C, sent as SIGINT to a sample's JVM: the first one cancels the main task of {@code run()},
 * which then throws {@code KeyboardInterrupt}, as asyncio 3.11's Runner does; a second one ends the
 * JVM as SIGINT ends any JVM, with status 130 (128 + SIGINT).
 */
@Timeout(60)
class CtrlCSampleTest {
    @Test
    void ctrlCCancelsTheMainTaskAndRunThrowsKeyboardInterrupt() throws Exception {
        Process sample = SampleProcess.start("ctrl-c");
        try (BufferedReader output = new BufferedReader(new InputStreamReader(sample.getInputStream(), UTF_8))) {
            assertEquals("waiting for Ctrl-C", output.readLine());
            interrupt(sample);
            assertEquals(List.of("main task cancelled: cleaning up", "cleaned up", "KeyboardInterrupt"), rest(output));
        }
        assertEquals(0, sample.waitFor());
    }

    @Test
    void aSecondCtrlCEndsTheJvm() throws Exception {
        Process sample = SampleProcess.start("ctrl-c", "stubborn");
        try (BufferedReader output = new BufferedReader(new InputStreamReader(sample.getInputStream(), UTF_8))) {
            assertEquals("waiting for Ctrl-C", output.readLine());
            interrupt(sample);
            assertEquals("main task cancelled: cleaning up", output.readLine());
            assertEquals("cleaned up", output.readLine());
            assertEquals("sleeping on", output.readLine());
            interrupt(sample);
            assertEquals(List.of(), rest(output));
        }
        assertEquals(130, sample.waitFor());
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    private static void interrupt(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -INT " + process.pid() + " failed");
        }
    }

    private static List<String> rest(BufferedReader output) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
