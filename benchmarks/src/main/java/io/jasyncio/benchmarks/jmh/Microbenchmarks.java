// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.jmh;

import io.jasyncio.benchmarks.BuildSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH microbenchmarks with JMH's own command line ({@code -prof gc}, {@code -f}, a regex of
 * benchmarks, ...), adding {@code -javaagent} to every forked JVM so that the benchmarks' coroutines
 * are woven. The agent jar is the one the build recorded, or {@code -Djasyncio.agent.jar=...}.
 */
public final class Microbenchmarks {
    private Microbenchmarks() {
    }

    /** Runs the benchmarks that {@code args} select, as {@code org.openjdk.jmh.Main} would, woven. */
    public static void main(String[] args) throws CommandLineOptionException, IOException, RunnerException {
        Path agent = Path.of(BuildSettings.get("jasyncio.agent.jar"));
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent + ": build it, or set -Djasyncio.agent.jar=...");
        }
        CommandLineOptions commandLine = new CommandLineOptions(args);
        if (commandLine.shouldHelp() || commandLine.shouldList()) {
            commandLine.showHelp();
            return;
        }
        new Runner(new OptionsBuilder()
                .parent(commandLine)
                .jvmArgsAppend("-javaagent:" + agent.toAbsolutePath().normalize())
                .build()).run();
    }
}
