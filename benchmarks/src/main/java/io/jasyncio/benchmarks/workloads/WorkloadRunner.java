// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The measuring half of a workload process: runs one workload of a {@link Workloads} in rounds and
 * prints what it measured, one {@code metric NAME VALUE} line each, for the driver to read.
 *
 * <p>Every JVM system's {@code main} is {@code WorkloadRunner.run(new TheirWorkloads(), args)}, so
 * they are measured by the same code; {@code asyncio_workloads.py} does the same steps in Python.
 * The arguments are the workload ({@code yields}, {@code spawn}, {@code sleepers}, {@code echo} or
 * {@code echo-cores}) and then {@code key=value} pairs: {@code tasks}, {@code depth}, {@code seconds},
 * {@code connections} (echo's), {@code connections-per-core} (echo-cores', times the processors),
 * {@code round-trips} (a connection's), {@code message-bytes}, {@code warmup} (rounds run
 * and discarded), {@code rounds} (rounds measured; the fastest is reported, as
 * other processes on the machine can only slow a round down) and {@code target-ms}
 * (how long a round of {@code yields} should take, which sets its number of switches).
 *
 * <p>Output lines: {@code about TEXT}, {@code round KIND INDEX SECONDS} for each round (kinds:
 * {@code calibrate}, {@code warmup}, {@code measure}, {@code memory}), and the metrics:
 * {@code ns_per_switch} (yields), {@code ns_per_task} (spawn), {@code wall_seconds},
 * {@code heap_bytes_per_task} and {@code rss_bytes_per_task} (sleepers), {@code round_trips_per_second}
 * (echo, echo-cores); and last
 * {@code processor_wait_share}, how much of the time its threads were ready to run during the measured
 * rounds they waited for a processor ({@link ProcessorWait}).
 */
public final class WorkloadRunner {
    /** A moment not yet reached: {@code System.nanoTime()} counts from an arbitrary origin, but not from this far. */
    private static final long NOT_YET = Long.MIN_VALUE;

    private final Workloads workloads;
    private final Map<String, String> settings;

    /** Over the measured rounds: the share of their ready time the threads waited for a processor. */
    private double processorWaitShare = Double.NaN;

    private WorkloadRunner(Workloads workloads, Map<String, String> settings) {
        this.workloads = workloads;
        this.settings = settings;
    }

    /** Runs the workload named by {@code args[0]} with the settings that follow, and prints the metrics. */
    public static void run(Workloads workloads, String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: yields|spawn|sleepers|echo|echo-cores [key=value]...");
        }
        Map<String, String> settings = new HashMap<>();
        for (String setting : Arrays.asList(args).subList(1, args.length)) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not key=value: " + setting);
            }
            settings.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        WorkloadRunner runner = new WorkloadRunner(workloads, settings);
        System.out.println("about " + workloads.description() + "; " + jvmDescription());
        switch (args[0]) {
            case "yields" -> runner.measureYields();
            case "spawn" -> runner.measureSpawn();
            case "sleepers" -> runner.measureSleepers();
            case "echo" -> runner.measureEcho(false);
            case "echo-cores" -> runner.measureEcho(true);
            default -> throw new IllegalArgumentException("unknown workload: " + args[0]);
        }
        printMetric("processor_wait_share", runner.processorWaitShare);
        System.out.flush();
        // Some systems keep non-daemon threads (executors, carriers); the process ends here regardless.
        System.exit(0);
    }

    /**
     * Yields: doubles the switches per task until a round takes an eighth of the target, scales them
     * to reach the target, and scales them again after each warm-up round (compiled code is faster
     * than the first rounds were); then runs the measured rounds with that number.
     */
    private void measureYields() {
        int tasks = intSetting("tasks");
        int depth = intSetting("depth");
        long targetNanos = intSetting("target-ms") * 1_000_000L;
        long switches = 1;
        long elapsed;
        int calibration = 0;
        while ((elapsed = timeYields(tasks, depth, switches)) < targetNanos / 8) {
            printRound("calibrate", calibration++, elapsed);
            switches *= 2;
        }
        for (int i = 0; i < intSetting("warmup"); i++) {
            switches = scaled(switches, targetNanos, elapsed);
            elapsed = timeYields(tasks, depth, switches);
            printRound("warmup", i, elapsed);
        }
        long measuredSwitches = scaled(switches, targetNanos, elapsed);
        double best = measureRounds(() -> timeYields(tasks, depth, measuredSwitches), 0, false);
        printMetric("ns_per_switch", best / (tasks * measuredSwitches));
    }

    /** The switches per task that make a round last {@code targetNanos}, if {@code switches} took {@code elapsed}. */
    private static long scaled(long switches, long targetNanos, long elapsed) {
        return Math.max(1, Math.min(Integer.MAX_VALUE, switches * targetNanos / Math.max(1, elapsed)));
    }

    private long timeYields(int tasks, int depth, long switches) {
        long start = System.nanoTime();
        long checksum = workloads.yields(tasks, depth, (int) switches);
        long elapsed = System.nanoTime() - start;
        check("yields", checksum, (long) tasks * depth);
        return elapsed;
    }

    /** Spawn: a full collection before each round, so that one round's garbage does not slow the next. */
    private void measureSpawn() {
        int tasks = intSetting("tasks");
        double best = measureRounds(() -> {
            long start = System.nanoTime();
            long checksum = workloads.spawn(tasks);
            long elapsed = System.nanoTime() - start;
            check("spawn", checksum, (long) tasks * (tasks - 1) / 2);
            return elapsed;
        }, intSetting("warmup"), true);
        printMetric("ns_per_task", best / tasks);
    }

    /**
     * Sleepers: one round measures memory (its time is discarded: the collections pause it), then
     * the warm-up and measured rounds time the wall clock from the first task's creation to the end
     * of the gather. Heap per task is the growth of the live heap from before the round to the moment
     * every task sleeps; peak RSS per task is the growth of the resident set from before that round
     * to the process's peak during it. The peak is read before the timed rounds, whose garbage (and
     * the heap a collector grows for it) has nothing to do with parked tasks.
     */
    private void measureSleepers() {
        int tasks = intSetting("tasks");
        double seconds = Double.parseDouble(setting("seconds"));
        long residentBefore = Memory.residentBytes();
        long heapBefore = Memory.heapUsedAfterFullGc();
        long[] heapWhileParked = new long[1];
        long start = System.nanoTime();
        long checksum = workloads.sleepers(tasks, seconds, () -> heapWhileParked[0] = Memory.heapUsedAfterFullGc());
        long peakResident = Memory.peakResidentBytes();
        printRound("memory", 0, System.nanoTime() - start);
        check("sleepers", checksum, tasks);
        if (heapWhileParked[0] == 0) {
            throw new IllegalStateException("sleepers never called allParked");
        }
        double best = measureRounds(() -> {
            long roundStart = System.nanoTime();
            long roundChecksum = workloads.sleepers(tasks, seconds, () -> { });
            long elapsed = System.nanoTime() - roundStart;
            check("sleepers", roundChecksum, tasks);
            return elapsed;
        }, intSetting("warmup"), true);
        printMetric("wall_seconds", best / 1e9);
        printMetric("heap_bytes_per_task", (double) (heapWhileParked[0] - heapBefore) / tasks);
        printMetric("rss_bytes_per_task", (double) (peakResident - residentBefore) / tasks);
    }

    /**
     * Echo: each round times the wall clock from just before the first client connects to the moment
     * the last one has closed after its last echo; the fastest round gives the rate. On every core,
     * the connections are {@code connections-per-core} times the processors, and the system runs
     * {@link Workloads#echoOnEveryCore}.
     */
    private void measureEcho(boolean onEveryCore) {
        int processors = Runtime.getRuntime().availableProcessors();
        int connections = onEveryCore ? intSetting("connections-per-core") * processors : intSetting("connections");
        int roundTrips = intSetting("round-trips");
        int messageBytes = intSetting("message-bytes");
        double best = measureRounds(() -> {
            long[] connectingAndAllEchoed = {NOT_YET, NOT_YET};
            Runnable connecting = () -> connectingAndAllEchoed[0] = System.nanoTime();
            Runnable allEchoed = () -> connectingAndAllEchoed[1] = System.nanoTime();
            long checksum = onEveryCore
                    ? workloads.echoOnEveryCore(processors, connections, roundTrips, messageBytes, connecting, allEchoed)
                    : workloads.echo(connections, roundTrips, messageBytes, connecting, allEchoed);
            check("echo", checksum, (long) connections * roundTrips * messageBytes);
            if (connectingAndAllEchoed[0] == NOT_YET || connectingAndAllEchoed[1] == NOT_YET) {
                throw new IllegalStateException("echo did not run both connecting and allEchoed");
            }
            return connectingAndAllEchoed[1] - connectingAndAllEchoed[0];
        }, intSetting("warmup"), true);
        printMetric("round_trips_per_second", (double) connections * roundTrips / (best / 1e9));
    }

    /** One timed round: returns the nanoseconds it took. */
    @FunctionalInterface
    private interface Round {
        long run();
    }

    /** Runs {@code warmup} rounds, then the measured ones, and returns the fastest of the measured. */
    private double measureRounds(Round round, int warmup, boolean collectBeforeEach) {
        int rounds = intSetting("rounds");
        for (int i = 0; i < warmup; i++) {
            if (collectBeforeEach) {
                Memory.heapUsedAfterFullGc();
            }
            printRound("warmup", i, round.run());
        }
        long best = Long.MAX_VALUE;
        ProcessorWait.Snapshot before = ProcessorWait.take();
        for (int i = 0; i < rounds; i++) {
            if (collectBeforeEach) {
                Memory.heapUsedAfterFullGc();
            }
            long elapsed = round.run();
            printRound("measure", i, elapsed);
            best = Math.min(best, elapsed);
        }
        processorWaitShare = ProcessorWait.share(before, ProcessorWait.take());
        return best;
    }

    private static void check(String workload, long checksum, long expected) {
        if (checksum != expected) {
            throw new IllegalStateException(workload + ": checksum " + checksum + ", expected " + expected);
        }
    }

    private String setting(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key + "=...");
        }
        return value;
    }

    private int intSetting(String key) {
        return Integer.parseInt(setting(key));
    }

    private static void printRound(String kind, int index, long nanos) {
        System.out.printf(Locale.ROOT, "round %s %d %.3f%n", kind, index, nanos / 1e9);
    }

    private static void printMetric(String name, double value) {
        System.out.printf(Locale.ROOT, "metric %s %.6g%n", name, value);
    }

    private static String jvmDescription() {
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", collectors: " + collectors;
    }
}
