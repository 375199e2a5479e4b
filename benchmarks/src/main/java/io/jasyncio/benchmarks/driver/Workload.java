// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A workload of DESIGN.md's "Performance goals", as the driver runs it: which workload of
 * {@link io.jasyncio.benchmarks.workloads.Workloads} with which settings, how many rounds, and the
 * rows it fills in the table.
 */
enum Workload {
    YIELDS_2("yields-2", "yields", "tasks=2 depth=0", Rounds.SWITCHES,
            new Metric("ns_per_switch", "yields: 2 tasks, `sleep(0)` switch", Unit.NANOSECONDS, 25)),
    YIELDS_1000("yields-1000", "yields", "tasks=1000 depth=0", Rounds.SWITCHES,
            new Metric("ns_per_switch", "yields: 1,000 tasks", Unit.NANOSECONDS, 40)),
    SPAWN("spawn", "spawn", "tasks=%d", Rounds.SPAWN,
            new Metric("ns_per_task", "spawn: %s `createTask` + `gather`, per task", Unit.NANOSECONDS, 100)),
    DEEP("deep", "yields", "tasks=2 depth=100", Rounds.SWITCHES,
            new Metric("ns_per_switch", "deep: switch at await depth 100 (2 tasks)", Unit.NANOSECONDS, Double.NaN)),
    SLEEPERS("sleepers", "sleepers", "tasks=%d seconds=1", Rounds.SLEEPERS,
            new Metric("wall_seconds", "sleepers: %s tasks `sleep(1)`, wall", Unit.SECONDS, 1.3),
            new Metric("heap_bytes_per_task", "sleepers: live heap a parked task", Unit.BYTES, 200),
            new Metric("rss_bytes_per_task", "sleepers: peak RSS a parked task", Unit.BYTES, 200)),
    /** DESIGN.md gives echo no figure: its goal is to be ahead of every peer, which {@link ResultTable} writes. */
    ECHO("echo", "echo", "connections=100 round-trips=%2$d message-bytes=64", Rounds.ECHO,
            new Metric("round_trips_per_second", "echo: 100 connections, 64-byte round trips over loopback TCP",
                    Unit.ROUND_TRIPS_PER_SECOND, Double.NaN)),
    /**
     * Echo on every core: 100 connections a processor, served by each system with every core it can
     * use (jasyncio: a loop per processor); its goal, ahead of every peer and within
     * {@link #LINEAR_SCALING_FACTOR} of linear scaling from echo's one loop, {@link ResultTable} writes.
     */
    ECHO_CORES("echo-cores", "echo-cores", "connections-per-core=100 round-trips=%2$d message-bytes=64", Rounds.ECHO,
            new Metric("round_trips_per_second",
                    "echo-cores: 100 connections a core, 64-byte round trips over loopback TCP, every core",
                    Unit.ROUND_TRIPS_PER_SECOND, Double.NaN));

    /** The deep switch may cost at most this many times the flat one (yields with 2 tasks). */
    static final double DEEP_GOAL_FACTOR = 1.2;

    /** Echo on every core should make at least the processors' count divided by this times echo's rate on one loop. */
    static final double LINEAR_SCALING_FACTOR = 1.2;

    /** What a row of the table shows: a metric the workload process prints, and DESIGN.md's goal for it. */
    record Metric(String name, String label, Unit unit, double goal) {
    }

    /** The unit of a metric, how its figures are written, and which way is better. */
    enum Unit {
        NANOSECONDS("ns", "%,.0f", "%.1f", false),
        SECONDS("s", "%.2f", "%.2f", false),
        BYTES("B", "%,.0f", "%,.0f", false),
        ROUND_TRIPS_PER_SECOND("round trips/s", "%,.0f", "%.1f", true);

        final String symbol;
        private final String largeFormat;
        private final String smallFormat;

        /** Whether a larger figure is the better one: true of rates, false of times and sizes. */
        final boolean higherIsBetter;

        Unit(String symbol, String largeFormat, String smallFormat, boolean higherIsBetter) {
            this.symbol = symbol;
            this.largeFormat = largeFormat;
            this.smallFormat = smallFormat;
            this.higherIsBetter = higherIsBetter;
        }

        String format(double value) {
            return String.format(Locale.ROOT, value >= 100 ? largeFormat : smallFormat, value);
        }

        /** A goal as DESIGN.md writes it: whole numbers without decimals. */
        String formatGoal(double goal) {
            return goal == Math.rint(goal) ? String.format(Locale.ROOT, "%,.0f", goal) : format(goal);
        }
    }

    /** How many rounds a workload runs: warm-up rounds are for JIT compilers, so CPython skips them. */
    enum Rounds {
        SWITCHES(3, 5, 3),
        /** Eight measured rounds: with a million live tasks, G1's pauses make single rounds vary twofold. */
        SPAWN(3, 8, 1),
        /** Plus the round that measures memory, which comes first and also warms up; five, as spawn's eight. */
        SLEEPERS(1, 5, 1),
        ECHO(2, 3, 2);

        final int warmup;
        final int measured;
        final int measuredWithoutJit;

        Rounds(int warmup, int measured, int measuredWithoutJit) {
            this.warmup = warmup;
            this.measured = measured;
            this.measuredWithoutJit = measuredWithoutJit;
        }
    }

    final String id;
    private final String kind;

    /**
     * The workload's settings, a format whose first argument ({@code %d} or {@code %1$d}) is the
     * size's {@link Size#manyTasks} and whose second ({@code %2$d}) is its
     * {@link Size#roundTripsPerConnection}.
     */
    private final String settingsFormat;
    private final Rounds rounds;
    private final List<Metric> metrics;

    Workload(String id, String kind, String settingsFormat, Rounds rounds, Metric... metrics) {
        this.id = id;
        this.kind = kind;
        this.settingsFormat = settingsFormat;
        this.rounds = rounds;
        this.metrics = List.of(metrics);
    }

    /**
     * Whether the workload measures networking, so that a network library without tasks (Netty)
     * runs it too: echo and echo-cores, whose kinds begin with {@code echo}.
     */
    boolean overSockets() {
        return kind.startsWith("echo");
    }

    /** Whether the workload is meant to use every core, so that a contender of one thread has no meaning for it. */
    boolean onEveryCore() {
        return this == ECHO_CORES;
    }

    /** The rows this workload fills, labelled for a run with {@code manyTasks} tasks where the workload spawns many. */
    List<Metric> metrics(Size size) {
        List<Metric> labelled = new ArrayList<>();
        for (Metric metric : metrics) {
            labelled.add(new Metric(metric.name(), String.format(metric.label(), size.manyTasksLabel()),
                    metric.unit(), metric.goal()));
        }
        return labelled;
    }

    /** The arguments of the workload process: the workload, then its {@code key=value} settings. */
    List<String> arguments(Size size, boolean jit) {
        List<String> arguments = new ArrayList<>();
        arguments.add(kind);
        arguments.addAll(List.of(String.format(settingsFormat, size.manyTasks, size.roundTripsPerConnection).split(" ")));
        arguments.add("warmup=" + (jit ? rounds.warmup : 0));
        arguments.add("rounds=" + (jit ? rounds.measured : rounds.measuredWithoutJit));
        arguments.add("target-ms=" + size.roundMillis);
        return arguments;
    }

    static Workload byId(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload: " + id);
    }

    /** The size of a run: DESIGN.md's, or a reduced one for a quick look. */
    enum Size {
        FULL(1_000_000, 300, 2_000),
        REDUCED(100_000, 100, 200);

        /** How many tasks spawn and sleepers start. */
        final int manyTasks;

        /** How long a round of the yields workloads lasts, milliseconds. */
        final int roundMillis;

        /** How many round trips each of echo's connections makes in a round (DESIGN.md sets no number). */
        final int roundTripsPerConnection;

        Size(int manyTasks, int roundMillis, int roundTripsPerConnection) {
            this.manyTasks = manyTasks;
            this.roundMillis = roundMillis;
            this.roundTripsPerConnection = roundTripsPerConnection;
        }

        String manyTasksLabel() {
            return manyTasks % 1_000_000 == 0 ? manyTasks / 1_000_000 + "M" : manyTasks / 1_000 + "k";
        }
    }
}
