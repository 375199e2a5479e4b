// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import io.jasyncio.benchmarks.BuildSettings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the programs that run the workload processes are: the two JDKs, the agent jar, this jar (the
 * class path of every JVM contender), {@code python3} and the CPython script.
 */
final class Launcher {
    /** Stands, among a contender's JVM options, for {@code -javaagent:} with the agent jar. */
    static final String WITH_AGENT = "<agent>";

    private final Path profileDirectory;
    private final Integer priority;
    private final List<String> jvmOptions;
    private Path pythonScript;

    /**
     * @param profileDirectory where each JVM process writes a flight recording, or {@code null} for none
     * @param priority the nice value of each process's own scheduling group, or {@code null} to leave it
     * @param jvmOptions options added to every JVM contender's command, after its own
     */
    Launcher(Path profileDirectory, Integer priority, List<String> jvmOptions) {
        this.profileDirectory = profileDirectory;
        this.priority = priority;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The options given with {@code --jvm-options}, for every JVM contender. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** For the table's notes: the JVMs' options, the defaults unless some were given. */
    String describeJvmOptions() {
        return jvmOptions.isEmpty() ? "the JVM's default options" : "the JVM options " + String.join(" ", jvmOptions);
    }

    /**
     * What goes before a command: with a priority, {@code setsid}, which gives the process a session
     * of its own and so, with Linux's autogroup scheduling, a scheduling group of its own.
     */
    List<String> commandPrefix() {
        return priority == null ? List.of() : List.of("setsid");
    }

    /**
     * Gives {@code process}'s scheduling group the priority, if one was asked for. Nice values only
     * weigh processes within one group; between groups, the group's own nice value counts, which is
     * why the process gets a group of its own.
     */
    void prioritise(Process process, PrintStream log) {
        if (priority == null) {
            return;
        }
        Path childGroup = Path.of("/proc/" + process.pid() + "/autogroup");
        try {
            // Until the child has called setsid, it shares the driver's group, whose priority must not change.
            String driverGroup = autogroupName(Path.of("/proc/self/autogroup"));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (autogroupName(childGroup).equals(driverGroup)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    log.println("  process " + process.pid() + " never got a scheduling group of its own");
                    return;
                }
                Thread.sleep(1);
            }
            Files.writeString(childGroup, priority.toString());
        } catch (IOException | RuntimeException e) {
            log.println("  cannot set the priority of process " + process.pid() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The group's name in a {@code /proc/PID/autogroup} file such as {@code /autogroup-25 nice 0}. */
    private static String autogroupName(Path file) throws IOException {
        return Files.readString(file).trim().split(" ")[0];
    }

    /** For the table's caption: the priority the processes ran at, if one was given. */
    String describePriority() {
        return priority == null ? "" : "; each process ran in a scheduling group of its own at nice " + priority;
    }

    String java(boolean jdk25) {
        Path home = jdk25 ? Path.of(BuildSettings.get("jdk25.home")) : Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no JDK at " + home + (jdk25 ? " (set -Djdk25.home=...)" : ""));
        }
        return java.toString();
    }

    String agentJar() {
        Path agent = Path.of(BuildSettings.get("jasyncio.agent.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent + ": build it, or set -Djasyncio.agent.jar=...");
        }
        return agent.toString();
    }

    /** The driver's own class path, absolute, so that it holds wherever a process starts. */
    String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    String python() {
        return System.getProperty("python", "python3");
    }

    /** The CPython workloads, copied from this jar to a temporary file on first use. */
    Path pythonScript() {
        if (pythonScript == null) {
            try (InputStream script = Launcher.class.getResourceAsStream("/python/asyncio_workloads.py")) {
                if (script == null) {
                    throw new IllegalStateException("python/asyncio_workloads.py is missing from the class path");
                }
                pythonScript = Files.createTempFile("asyncio_workloads", ".py");
                pythonScript.toFile().deleteOnExit();
                Files.copy(script, pythonScript, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pythonScript;
    }

    /** JVM options that record a flight recording of the process as {@code name.jfr}, if profiling. */
    List<String> profilingOptions(String name) {
        if (profileDirectory == null) {
            return List.of();
        }
        Path recording = profileDirectory.resolve(name + ".jfr").toAbsolutePath();
        // DebugNonSafepoints: samples name the inlined method and line they hit, not the enclosing compiled one.
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints", "-Xlog:jfr+startup=warning",
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
    }
}
