// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The flight recorder's timespan settings as {@link Timespans} reads them. */
class TimespansTest {
    @Test
    void readsTheFormsTheRecorderWrites() {
        assertEquals(100_000_000L, Timespans.parseNanos("100 ms"), "a .jfc's or @Threshold's form");
        assertEquals(50_000_000L, Timespans.parseNanos("50000000 ns"), "Recording.enable(...).withThreshold's form");
        assertEquals(20_000_000L, Timespans.parseNanos("20ms"), "-XX:StartFlightRecording's form, without a space");
        assertEquals(2_000_000_000L, Timespans.parseNanos("2 s"));
        assertEquals(3_000L, Timespans.parseNanos("3 us"));
        assertEquals(60_000_000_000L, Timespans.parseNanos("1 m"));
        assertEquals(0L, Timespans.parseNanos("0"));
        assertEquals(Long.MAX_VALUE, Timespans.parseNanos("infinity"));
    }

    @Test
    void refusesWhatIsNotATimespanNamingIt() {
        assertEquals("not a timespan: 100", assertThrows(IllegalArgumentException.class, () -> Timespans.parseNanos("100")).getMessage());
        assertEquals("not a timespan: 5 weeks", assertThrows(IllegalArgumentException.class, () -> Timespans.parseNanos("5 weeks")).getMessage());
        assertEquals("not a timespan: ms", assertThrows(IllegalArgumentException.class, () -> Timespans.parseNanos("ms")).getMessage());
    }
}
