// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this JVM occupies: its heap after a full collection, and its resident set as Linux counts it. */
public final class Memory {
    private Memory() {
    }

    /**
     * Bytes of heap in use after full collections, so live objects only. {@code System.gc()} is a
     * full, stop-the-world collection with every collector of JDK 17 and 25 unless
     * {@code -XX:+ExplicitGCInvokesConcurrent} or {@code -XX:+DisableExplicitGC} is given.
     */
    public static long heapUsedAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The resident set size now, bytes ({@code VmRSS}). */
    public static long residentBytes() {
        return statusKilobytes("VmRSS:") * 1024;
    }

    /** The largest resident set size this process has had, bytes ({@code VmHWM}). */
    public static long peakResidentBytes() {
        return statusKilobytes("VmHWM:") * 1024;
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }
}
