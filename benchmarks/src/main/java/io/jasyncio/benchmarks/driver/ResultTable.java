// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import io.jasyncio.benchmarks.driver.Workload.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's table, in Markdown: a row per metric, a column per contender, jasyncio first; each
 * peer's figure comes with its ratio to jasyncio's (peer ÷ jasyncio, so above 1× jasyncio is ahead
 * in the rows of times and sizes, and below 1× in those of rates, whose label says "higher is
 * better"), and the last column holds DESIGN.md's goal.
 */
final class ResultTable {
    private final List<Contender> contenders;
    private final Workload.Size size;
    private final Map<Workload, Map<Contender, WorkloadProcess.Outcome>> outcomes = new LinkedHashMap<>();

    /** What the JVM contenders ran with, as the notes say it: "the JVM's default options" or the ones given. */
    private final String jvmOptions;

    ResultTable(List<Contender> contenders, Workload.Size size, String jvmOptions) {
        this.contenders = contenders;
        this.size = size;
        this.jvmOptions = jvmOptions;
    }

    void add(Workload workload, Contender contender, WorkloadProcess.Outcome outcome) {
        outcomes.computeIfAbsent(workload, ignored -> new LinkedHashMap<>()).put(contender, outcome);
    }

    /** The table, then a line per contender saying what ran it. */
    String render() {
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("workload"));
        contenders.forEach(contender -> header.add(contender.title));
        header.add("goal");
        appendRow(text, header);
        appendRow(text, header.stream().map(ignored -> "---").toList());
        for (Map.Entry<Workload, Map<Contender, WorkloadProcess.Outcome>> entry : outcomes.entrySet()) {
            for (Metric metric : entry.getKey().metrics(size)) {
                appendRow(text, row(entry.getKey(), metric, entry.getValue()));
            }
        }
        text.append('\n');
        text.append("Ratios are peer ÷ jasyncio: above 1× jasyncio is ahead, except in the rows of rates (higher is better), ")
                .append("where below 1× it is. Times and rates are those of the fastest of each workload's ")
                .append("measured rounds (after warm-up rounds on the JVMs); each contender runs each workload in a process ")
                .append("of its own, with ").append(jvmOptions).append(". † marks a figure whose process spent more than ")
                .append(Math.round(WorkloadProcess.DISTURBED * 100))
                .append("% of its ready time in the measured rounds waiting for a processor (other processes', or its own threads') ")
                .append("and may be slower than the system is.\n\n");
        for (Contender contender : contenders) {
            text.append("- ").append(contender.title).append(": ").append(aboutOf(contender)).append('\n');
        }
        return text.toString();
    }

    private List<String> row(Workload workload, Metric metric, Map<Contender, WorkloadProcess.Outcome> byContender) {
        List<String> cells = new ArrayList<>();
        cells.add(metric.label() + " (" + metric.unit().symbol + (metric.unit().higherIsBetter ? ", higher is better" : "") + ")");
        Double baseline = figure(byContender.get(contenders.get(0)), metric);
        for (Contender contender : contenders) {
            WorkloadProcess.Outcome outcome = byContender.get(contender);
            Double value = figure(outcome, metric);
            if (!contender.runs(workload)) {
                cells.add("n/a");
            } else if (outcome == null) {
                cells.add("");
            } else if (value == null) {
                cells.add(outcome.succeeded() ? "no figure" : "failed: " + outcome.failure());
            } else {
                boolean slowed = outcome.disturbed() && metric.unit() != Workload.Unit.BYTES; // waiting costs time, not memory
                String cell = metric.unit().format(value) + (slowed ? " †" : "");
                boolean isBaseline = contender == contenders.get(0);
                cells.add(isBaseline || baseline == null ? cell : cell + " (" + ratio(value / baseline) + ")");
            }
        }
        cells.add(goal(workload, metric));
        return cells;
    }

    private String goal(Workload workload, Metric metric) {
        return switch (workload) {
            case DEEP -> deepGoal(metric);
            case ECHO -> aheadOfEveryPeer(Workload.ECHO, metric);
            case ECHO_CORES -> aheadOfEveryPeer(Workload.ECHO_CORES, metric) + "; " + scalingGoal(metric);
            default -> Double.isNaN(metric.goal()) ? ""
                    : (metric.unit().higherIsBetter ? "≥ " : "≤ ") + metric.unit().formatGoal(metric.goal());
        };
    }

    /** The echo rows have no figure in DESIGN.md: jasyncio should be ahead of every peer, that is above the best peer's figure. */
    private String aheadOfEveryPeer(Workload workload, Metric metric) {
        String goal = "ahead of every peer";
        Map<Contender, WorkloadProcess.Outcome> byContender = outcomes.get(workload);
        Double best = null;
        for (Contender peer : contenders.subList(1, contenders.size())) {
            Double figure = figure(byContender.get(peer), metric);
            if (figure != null && (best == null || figure > best)) {
                best = figure;
            }
        }
        return best == null ? goal : goal + ": > " + metric.unit().format(best);
    }

    /**
     * Echo on every core should scale almost linearly from echo's one loop: at least the processors'
     * count ÷ {@link Workload#LINEAR_SCALING_FACTOR} times jasyncio's echo rate, when echo ran; the
     * goal then says jasyncio's scaling ratio, its echo-cores rate ÷ its echo rate.
     */
    private String scalingGoal(Metric metric) {
        int processors = Runtime.getRuntime().availableProcessors();
        double factor = processors / Workload.LINEAR_SCALING_FACTOR;
        String goal = String.format(Locale.ROOT, "≥ %d ÷ %s = %.2f× echo", processors, Workload.LINEAR_SCALING_FACTOR, factor);
        Map<Contender, WorkloadProcess.Outcome> oneLoop = outcomes.get(Workload.ECHO);
        Double oneLoopFigure = oneLoop == null ? null : figure(oneLoop.get(contenders.get(0)), metric);
        if (oneLoopFigure == null) {
            return goal + " (echo did not run)";
        }
        goal += " = " + metric.unit().format(oneLoopFigure * factor);
        Double everyCoreFigure = figure(outcomes.get(Workload.ECHO_CORES).get(contenders.get(0)), metric);
        return everyCoreFigure == null ? goal
                : goal + String.format(Locale.ROOT, " (scaling: %.2f× echo)", everyCoreFigure / oneLoopFigure);
    }

    /** The deep switch's goal is relative to the flat switch's figure, when yields-2 ran. */
    private String deepGoal(Metric metric) {
        String goal = "≤ " + Workload.DEEP_GOAL_FACTOR + "× yields-2";
        Map<Contender, WorkloadProcess.Outcome> flat = outcomes.get(Workload.YIELDS_2);
        Double flatFigure = flat == null ? null : figure(flat.get(contenders.get(0)), metric);
        return flatFigure == null ? goal : goal + " = " + metric.unit().format(flatFigure * Workload.DEEP_GOAL_FACTOR);
    }

    private static Double figure(WorkloadProcess.Outcome outcome, Metric metric) {
        return outcome == null ? null : outcome.metrics().get(metric.name());
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%,.0f×" : "%.1f×", ratio);
    }

    private String aboutOf(Contender contender) {
        for (Map<Contender, WorkloadProcess.Outcome> byContender : outcomes.values()) {
            WorkloadProcess.Outcome outcome = byContender.get(contender);
            if (outcome != null && outcome.about() != null) {
                return outcome.about();
            }
        }
        return "did not run";
    }

    private static void appendRow(StringBuilder text, List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
