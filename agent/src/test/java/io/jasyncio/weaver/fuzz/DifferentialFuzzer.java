// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fuzzing campaign: programs of consecutive seeds, generated, compiled in batches (one javac task
 * per batch), woven and verified as they load, and run twin against twin, on a few threads. Program
 * {@code n} of a campaign from seed {@code s} has seed {@code s + n}, whatever the batches.
 *
 * <p>A twin that never ends is a finding too. One that loops forever is stopped by the step limit
 * of {@link ProgramSupport}; one whose event loop waits with nothing left to wake it (generated
 * programs set no timers, so a correct one never waits) is found by a watchdog that sees its
 * thread parked on the same call twice in a row. Its worker is then abandoned and the others go on.
 */
final class DifferentialFuzzer {
    /** Programs per javac task: javac's start-up cost is paid per task. */
    static final int PROGRAMS_PER_BATCH = 25;

    /** How often the watchdog looks at the workers. */
    private static final Duration WATCH_PERIOD = Duration.ofSeconds(2);

    /** A program that does not compile, weave, verify or load, or whose twins disagree or never end. */
    record Finding(long seed, String problem, String source) {
        /** The problem, how to rerun the program alone, and its numbered source. */
        String report() {
            StringBuilder text = new StringBuilder()
                    .append("program of seed ").append(seed)
                    .append(" (alone: -Dfuzz.seed=").append(seed).append(" -Dfuzz.count=1): ").append(problem).append('\n');
            String[] lines = source.split("\n", -1);
            for (int index = 0; index < lines.length; index++) {
                text.append(String.format("%4d  %s%n", index + 1, lines[index]));
            }
            return text.toString();
        }
    }

    /**
     * What a campaign found. {@code unfinished} describes what each worker was doing when the
     * deadline passed, and is empty when the campaign finished.
     */
    record Result(List<Finding> findings, List<String> unfinished, int programsRun, int callsReturned, int callsThrew) {
    }

    /** What a worker is doing: {@code program} is {@code null} while it generates or compiles. */
    private record Activity(GeneratedProgram program, String doing) {
    }

    private final long firstSeed;
    private final int count;
    private final AtomicInteger nextBatch = new AtomicInteger();
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    private final Map<Thread, Activity> activities = new ConcurrentHashMap<>();
    private final AtomicInteger workersLeft = new AtomicInteger();
    private final AtomicInteger programsRun = new AtomicInteger();
    private final AtomicInteger callsReturned = new AtomicInteger();
    private final AtomicInteger callsThrew = new AtomicInteger();

    private DifferentialFuzzer(long firstSeed, int count) {
        this.firstSeed = firstSeed;
        this.count = count;
    }

    /**
     * Runs {@code count} programs from {@code firstSeed} on {@code threads} threads. Gives up after
     * {@code deadline}, a last resort for a twin that never ends in a way the watchdog cannot see.
     */
    static Result run(long firstSeed, int count, int threads, Duration deadline) throws InterruptedException {
        DifferentialFuzzer campaign = new DifferentialFuzzer(firstSeed, count);
        ExecutorService workers = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "fuzz-worker");
            thread.setDaemon(true); // an abandoned worker must not keep the JVM alive
            return thread;
        });
        campaign.workersLeft.set(threads);
        for (int worker = 0; worker < threads; worker++) {
            workers.execute(campaign::work);
        }
        workers.shutdown();
        List<String> unfinished = campaign.watch(deadline);
        workers.shutdownNow();
        List<Finding> findings = new ArrayList<>(campaign.findings);
        findings.sort(Comparator.comparingLong(Finding::seed));
        return new Result(findings, unfinished, campaign.programsRun.get(), campaign.callsReturned.get(),
                campaign.callsThrew.get());
    }

    /**
     * Waits until every worker is done or abandoned, abandoning those whose twin waits forever;
     * returns what the workers were doing if {@code deadline} passed first.
     */
    private List<String> watch(Duration deadline) throws InterruptedException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        Map<Thread, Activity> parkedBefore = new HashMap<>();
        int abandoned = 0;
        while (workersLeft.get() > abandoned) {
            if (System.nanoTime() > giveUp) {
                return activities.values().stream()
                        .map(activity -> activity.doing() + (activity.program() == null ? "" : "\n" + activity.program().source()))
                        .toList();
            }
            Thread.sleep(WATCH_PERIOD.toMillis());
            for (Map.Entry<Thread, Activity> entry : activities.entrySet()) {
                Thread worker = entry.getKey();
                Activity activity = entry.getValue();
                boolean parked = worker.getState() == Thread.State.WAITING || worker.getState() == Thread.State.TIMED_WAITING;
                if (parked && activity.program() != null && activity == parkedBefore.get(worker)) {
                    findings.add(new Finding(activity.program().seed(), activity.doing()
                            + " never ends: its thread waits with nothing to wake it\n" + stackTrace(worker),
                            activity.program().source()));
                    activities.remove(worker);
                    abandoned++;
                }
                parkedBefore.put(worker, parked ? activity : null);
            }
        }
        return List.of();
    }

    private void work() {
        try (ProgramCompiler compiler = new ProgramCompiler()) {
            for (int batch = nextBatch.getAndIncrement(); batch * PROGRAMS_PER_BATCH < count; batch = nextBatch.getAndIncrement()) {
                int first = batch * PROGRAMS_PER_BATCH;
                List<GeneratedProgram> programs = new ArrayList<>();
                for (int index = first; index < Math.min(count, first + PROGRAMS_PER_BATCH); index++) {
                    doing(null, "generating the program of seed " + (firstSeed + index));
                    programs.add(ProgramGenerator.generate(firstSeed + index));
                }
                runBatch(compiler, programs);
            }
        } catch (Throwable unexpected) {
            findings.add(new Finding(-1, "the campaign failed: " + stackTrace(unexpected), ""));
        } finally {
            activities.remove(Thread.currentThread());
            workersLeft.decrementAndGet();
        }
    }

    private void doing(GeneratedProgram program, String doing) {
        activities.put(Thread.currentThread(), new Activity(program, doing));
    }

    private void runBatch(ProgramCompiler compiler, List<GeneratedProgram> programs) throws IOException {
        Path classes = Files.createTempDirectory("jasyncio-fuzz");
        try {
            doing(null, "compiling the programs of seeds " + programs.get(0).seed() + " to " + programs.get(programs.size() - 1).seed());
            Map<String, String> compileErrors = compiler.compile(programs, classes);
            if (!compileErrors.isEmpty()) {
                for (GeneratedProgram program : programs) {
                    String errors = compileErrors.get(program.binaryName());
                    if (errors != null) {
                        findings.add(new Finding(program.seed(), "javac rejects it (a bug of the generator, or of javac):\n" + errors,
                                program.source()));
                    }
                }
                programs = programs.stream().filter(program -> !compileErrors.containsKey(program.binaryName())).toList();
                if (!programs.isEmpty() && !compiler.compile(programs, classes).isEmpty()) {
                    throw new IllegalStateException("programs that compiled alone fail together");
                }
            }
            WovenProgramClasses loader = new WovenProgramClasses(classes);
            for (GeneratedProgram program : programs) {
                doing(program, "loading the program of seed " + program.seed());
                check(program, loader).ifPresent(problem -> findings.add(new Finding(program.seed(), problem, program.source())));
                programsRun.incrementAndGet();
            }
        } finally {
            deleteRecursively(classes);
        }
    }

    /** What is wrong with {@code program}, if anything. */
    private Optional<String> check(GeneratedProgram program, ClassLoader loader) {
        Class<?> loaded;
        try {
            loaded = Class.forName(program.binaryName(), true, loader);
        } catch (AssertionError refusedOrUnverifiable) {
            return Optional.of("weaving or ASM's verification failed: " + refusedOrUnverifiable.getMessage());
        } catch (ClassNotFoundException | LinkageError rejected) {
            return Optional.of("the JVM rejected the woven class: " + stackTrace(rejected));
        } catch (RuntimeException crashed) {
            return Optional.of("the weaver crashed: " + stackTrace(crashed));
        }
        try {
            TwinRunner runner = new TwinRunner(loaded);
            Optional<String> disagreement = runner.firstDisagreement(program, call -> doing(program, "the call " + call));
            callsReturned.addAndGet(runner.tally().returned());
            callsThrew.addAndGet(runner.tally().threw());
            return disagreement;
        } catch (ReflectiveOperationException | LinkageError failed) {
            return Optional.of("cannot call the twins: " + stackTrace(failed));
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String stackTrace(Thread thread) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement element : thread.getStackTrace()) {
            text.append("\tat ").append(element).append('\n');
        }
        return text.toString();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
