// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One contender running one workload in a process of its own, so that no system's threads, heap or
 * compiled code disturb another's, and peak RSS belongs to one workload.
 *
 * <p>Reads the lines that {@link io.jasyncio.benchmarks.workloads.WorkloadRunner} (or the CPython
 * script) prints: {@code about}, {@code round} and {@code metric}. Its standard error passes through.
 */
final class WorkloadProcess {
    /** Longer than any workload takes on any contender (CPython's sleepers take about a minute). */
    private static final long TIMEOUT_MINUTES = 30;

    /** Above this share of their ready time spent waiting for a processor, a process's figures are flagged. */
    static final double DISTURBED = 0.10;

    /** What a process reported: its metrics by name, its description, and whether it succeeded. */
    record Outcome(Map<String, Double> metrics, String about, String failure) {
        boolean succeeded() {
            return failure == null;
        }

        /** Whether its threads waited for a processor long enough to slow its figures down. */
        boolean disturbed() {
            return metrics.getOrDefault("processor_wait_share", 0.0) > DISTURBED;
        }
    }

    private WorkloadProcess() {
    }

    /**
     * Runs {@code command}, at the priority {@code launcher} gives, and returns what it measured;
     * {@code log} receives the lines that are not metrics (and the rounds, if verbose).
     */
    static Outcome run(List<String> command, Launcher launcher, PrintStream log, boolean verbose) {
        if (verbose) {
            log.println("  $ " + String.join(" ", command));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        String about = null;
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return new Outcome(metrics, null, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        launcher.prioritise(process, log);
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture.delayedExecutor(TIMEOUT_MINUTES, TimeUnit.MINUTES).execute(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                process.destroyForcibly();
            }
        });
        int exitCode;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("about ")) {
                    about = line.substring("about ".length());
                } else if (line.startsWith("metric ")) {
                    String[] parts = line.split(" ");
                    metrics.put(parts[1], Double.parseDouble(parts[2]));
                } else if (verbose || !line.startsWith("round ")) {
                    log.println("  " + line);
                }
            }
            exitCode = process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(metrics, about, "interrupted");
        }
        if (timedOut.get()) {
            return new Outcome(metrics, about, "timed out after " + TIMEOUT_MINUTES + " minutes");
        }
        return new Outcome(metrics, about, exitCode == 0 ? null : "exit code " + exitCode);
    }
}
