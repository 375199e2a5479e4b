// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Reads the flight recorder's timespan settings ({@code "100 ms"}, {@code "50000000 ns"}, {@code "infinity"}). */
final class Timespans {
    private Timespans() {
    }

    /**
     * {@code value} in nanoseconds: a whole number and a unit ({@code ns}, {@code us}, {@code ms},
     * {@code s}, {@code m}, {@code h}, {@code d}), with or without a space, {@code 0} alone, or
     * {@code infinity} ({@link Long#MAX_VALUE}); {@link IllegalArgumentException} naming it otherwise.
     */
    static long parseNanos(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        int unitStart = 0;
        while (unitStart < text.length() && Character.isDigit(text.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("not a timespan: " + value);
        }
        long amount = Long.parseLong(text.substring(0, unitStart));
        String unit = text.substring(unitStart).trim();
        TimeUnit timeUnit = switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            case "" -> amount == 0 ? TimeUnit.NANOSECONDS : null;
            default -> null;
        };
        if (timeUnit == null) {
            throw new IllegalArgumentException("not a timespan: " + value);
        }
        return timeUnit.toNanos(amount);
    }
}
