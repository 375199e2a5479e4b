// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long this process's threads waited for a processor while they were ready to run, from Linux's
 * {@code /proc/self/task/*}{@code /schedstat}: a figure measured while other processes took the
 * processors is slower than the system under test is.
 */
public final class ProcessorWait {
    /** The threads' nanoseconds on a processor and ready but waiting for one, summed, at one moment. */
    public record Snapshot(long running, long waiting) {
    }

    private ProcessorWait() {
    }

    /** The totals of the live threads so far; zeros where the kernel keeps no scheduler statistics. */
    public static Snapshot take() {
        long running = 0;
        long waiting = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path thread : threads) {
                String[] fields;
                try {
                    fields = Files.readString(thread.resolve("schedstat")).trim().split(" ");
                } catch (IOException threadEnded) {
                    continue;
                }
                running += Long.parseLong(fields[0]);
                waiting += Long.parseLong(fields[1]);
            }
        } catch (IOException | RuntimeException noStatistics) {
            return new Snapshot(0, 0);
        }
        return new Snapshot(running, waiting);
    }

    /**
     * The share of the time the threads were ready to run between two snapshots that they spent
     * waiting for a processor: 0 on a quiet machine, near 1 on a crowded one; NaN without statistics.
     */
    public static double share(Snapshot before, Snapshot after) {
        long running = after.running - before.running;
        long waiting = after.waiting - before.waiting;
        return running + waiting <= 0 ? Double.NaN : (double) Math.max(0, waiting) / (running + waiting);
    }
}
