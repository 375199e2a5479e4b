// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher lists the samples, and rejects an unknown name with status 2. */
class SamplesTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) throws IOException {
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Samples.launch(args, outStream, errStream);
        }
    }

    @Test
    void noArgumentListsEverySampleWithItsDescription() throws IOException {
        assertEquals(0, launch());
        String listing = out.toString(StandardCharsets.UTF_8);
        for (Samples.Sample sample : Samples.ALL) {
            assertTrue(listing.contains(sample.name() + " "), listing);
            assertTrue(listing.contains(sample.description()), listing);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownNameListsTheSamplesOnStandardErrorWithStatus2() throws IOException {
        assertEquals(2, launch("no-such-sample"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("unknown sample: no-such-sample"), errors);
        assertTrue(errors.contains("sequential"), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
