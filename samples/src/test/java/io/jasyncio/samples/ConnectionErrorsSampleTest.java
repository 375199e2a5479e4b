// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection-errors sample, over real loopback sockets: the loop delivers a refused connection as
 * {@link java.net.ConnectException} and a reset as {@link java.net.SocketException}, and the client's
 * catch clauses of those types take them.
 */
@Timeout(120)
class ConnectionErrorsSampleTest {
    @TempDir
    Path output;

    @Test
    void theClientCatchesTheRefusalAndTheResetByType() throws Exception {
        SampleProcess sample = SampleProcess.run("connection-errors", output);

        assertEquals("""
                connect to a closed port: refused (java.net.ConnectException)
                read from a peer that reset: reset (java.net.SocketException)
                """, sample.stdoutText(), sample.stderr());
        assertEquals(0, sample.exitStatus(), sample.stderr());
        assertEquals("", sample.stderr());
    }
}
