// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subprocess sample, with a real python3 child: each line is read while the child still runs
 * (the child pauses 0.3 s after each), so the lines come one by one as the child prints them, not
 * all at its exit.
 */
@Timeout(120)
class SubprocessSampleTest {
    @TempDir
    Path output;

    @Test
    void eachLineIsReadWhileTheChildRuns() throws Exception {
        SampleProcess sample = SampleProcess.run("subprocess", output);

        assertEquals("""
                read 'tick 1' while the child runs
                read 'tick 2' while the child runs
                read 'tick 3' while the child runs
                the child exited with 0
                """, sample.stdoutText(), sample.stderr());
        assertEquals(0, sample.exitStatus(), sample.stderr());
        assertEquals("", sample.stderr());
    }
}
