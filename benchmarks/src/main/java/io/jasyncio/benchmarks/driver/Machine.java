// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The machine a table was measured on, as the README shows it beside the table. */
final class Machine {
    private Machine() {
    }

    /** One line: date, processors, CPU model, memory and kernel. */
    static String describe() {
        return LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " processors ("
                + firstField(Path.of("/proc/cpuinfo"), "model name") + "), "
                + memoryGibibytes() + " GiB memory, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The load averages over 1, 5 and 15 minutes: other processes that compete for the processors. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memoryGibibytes() {
        String total = firstField(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return String.format(Locale.ROOT, "%.1f", Long.parseLong(total.replace("kB", "").trim()) / 1048576.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    private static String firstField(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown " + name;
        }
        return "unknown " + name;
    }
}
