// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sample run in a JVM of its own, started as {@code java -cp <test class path>
 * io.jasyncio.samples.Samples NAME} (the samples were woven at build time, so no agent is needed), as
 * Python runs each program in a process of its own: default task names ({@code Task-1}, ...) count
 * from 1 and static state starts fresh.
 *
 * @param stdout what it printed to standard output
 * @param stderr what it printed to standard error
 * @param exitStatus its exit status
 */
record SampleProcess(byte[] stdout, String stderr, int exitStatus) {
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * Runs the sample {@code name} with {@code arguments}, writing its output under {@code scratch};
     * fails if it runs too long.
     */
    static SampleProcess run(String name, Path scratch, String... arguments) throws IOException, InterruptedException {
        Path stdout = scratch.resolve(name + ".stdout");
        Path stderr = scratch.resolve(name + ".stderr");
        Process process = builder(name, arguments)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(name + " did not end within " + TIMEOUT_SECONDS + " s; it printed:\n"
                    + Files.readString(stdout, UTF_8) + Files.readString(stderr, UTF_8));
        }
        return new SampleProcess(Files.readAllBytes(stdout), Files.readString(stderr, UTF_8), process.exitValue());
    }

    /**
     * Starts the sample {@code name} with {@code arguments} and returns at once, for a sample that runs
     * until it is stopped, such as a server: its standard output is a pipe, its standard error goes
     * to this process's.
     */
    static Process start(String name, String... arguments) throws IOException {
        return builder(name, arguments).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static ProcessBuilder builder(String name, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Samples.class.getName(), name));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /** Standard output as text. */
    String stdoutText() {
        return new String(stdout, UTF_8);
    }
}
