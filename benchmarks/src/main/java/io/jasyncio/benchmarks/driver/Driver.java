// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The workload driver: runs every workload on jasyncio and on each peer, each in a process of its
 * own, one after another, and prints one Markdown table with the peers' ratios to jasyncio.
 *
 * <p>Progress goes to standard error, the table to standard output. Options:
 * <pre>
 *   --contenders=jasyncio,vt-1,vt-2,kotlin,cf,netty-1,netty-2,netty-epoll-1,netty-epoll-2,cpython
 *                    which systems (also: jasyncio-jdk25); Netty runs echo only, n/a elsewhere
 *   --workloads=yields-2,yields-1000,spawn,deep,sleepers,echo,echo-cores which workloads; echo-cores
 *                    is echo with 100 connections a processor on every core: it runs the contenders
 *                    that can use them (not vt-1, cf, netty-1, netty-epoll-1), with vt-2's carriers
 *                    and netty-2's threads set to one a processor
 *   --reduced        100,000 tasks instead of 1,000,000 in spawn and sleepers, shorter rounds,
 *                    200 round trips a connection instead of 2,000 in echo
 *   --profile=DIR    each JVM process writes a flight recording DIR/CONTENDER-WORKLOAD.jfr
 *   --verbose        show each command and each round
 *   --priority=N     run each process in a scheduling group of its own at nice N (say -20; root only),
 *                    so that other processes on a shared machine slow it down less
 *   --jvm-options=A,B  add these options to every JVM contender's command (say -XX:+UseParallelGC),
 *                    to see how a collector or heap setting moves the figures; the table names them
 * </pre>
 * System properties {@code jasyncio.agent.jar}, {@code jdk25.home} and {@code python} override where
 * the agent, the JDK 25 and python3 are.
 */
public final class Driver {
    private final List<Contender> contenders;
    private final List<Workload> workloads;
    private final Workload.Size size;
    private final Launcher launcher;
    private final boolean verbose;

    private Driver(List<Contender> contenders, List<Workload> workloads, Workload.Size size, Launcher launcher,
            boolean verbose) {
        this.contenders = contenders;
        this.workloads = workloads;
        this.size = size;
        this.launcher = launcher;
        this.verbose = verbose;
    }

    /** Runs the comparison that {@code args} select; see the class comment. */
    public static void main(String[] args) {
        List<Contender> contenders = Arrays.stream(Contender.values()).filter(contender -> contender.runByDefault).toList();
        List<Workload> workloads = List.of(Workload.values());
        Workload.Size size = Workload.Size.FULL;
        Path profileDirectory = null;
        boolean verbose = false;
        Integer priority = null;
        List<String> jvmOptions = List.of();
        for (String arg : args) {
            if (arg.startsWith("--contenders=")) {
                contenders = listOption(arg).stream().map(Contender::byId).sorted().toList(); // jasyncio first
            } else if (arg.startsWith("--workloads=")) {
                workloads = listOption(arg).stream().map(Workload::byId).toList();
            } else if (arg.equals("--reduced")) {
                size = Workload.Size.REDUCED;
            } else if (arg.startsWith("--profile=")) {
                profileDirectory = createDirectory(arg.substring("--profile=".length()));
            } else if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.startsWith("--priority=")) {
                priority = Integer.parseInt(arg.substring("--priority=".length()));
            } else if (arg.startsWith("--jvm-options=")) {
                jvmOptions = listOption(arg);
            } else {
                System.err.println("unknown option " + arg + "; see the Javadoc of " + Driver.class.getName());
                System.exit(2);
            }
        }
        Driver driver = new Driver(contenders, workloads, size, new Launcher(profileDirectory, priority, jvmOptions), verbose);
        System.out.print(driver.run(System.err));
    }

    /** Runs each workload on each contender and returns the table with the machine's description. */
    private String run(PrintStream log) {
        long start = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        ResultTable table = new ResultTable(contenders, size, launcher.describeJvmOptions());
        for (Workload workload : workloads) {
            for (Contender contender : contenders) {
                if (!contender.runs(workload)) {
                    continue; // its cell says n/a
                }
                log.println(workload.id + " on " + contender.title + " ...");
                WorkloadProcess.Outcome outcome =
                        WorkloadProcess.run(contender.command(launcher, workload, size), launcher, log, verbose);
                log.println("  " + (outcome.succeeded() ? outcome.metrics() : "FAILED: " + outcome.failure()));
                table.add(workload, contender, outcome);
            }
        }
        long minutes = Math.round((System.nanoTime() - start) / 60e9);
        return "Measured " + Machine.describe() + "; " + (size == Workload.Size.FULL
                ? "DESIGN.md's sizes" : "REDUCED sizes (--reduced: " + size.manyTasksLabel() + " tasks in spawn and sleepers, "
                        + size.roundTripsPerConnection + " round trips a connection in echo)")
                + "; the run took about " + minutes + " min; load average " + loadBefore + " before it, "
                + Machine.loadAverage() + " after it" + launcher.describePriority() + ".\n\n" + table.render();
    }

    private static List<String> listOption(String arg) {
        return new ArrayList<>(List.of(arg.substring(arg.indexOf('=') + 1).split(",")));
    }

    private static Path createDirectory(String name) {
        try {
            return Files.createDirectories(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
