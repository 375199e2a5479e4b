// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sample run in a JVM of its own, started as {@code java -javaagent:jasyncio-agent.jar -cp <test
 * class path> io.jasyncio.samples.Samples NAME}, as Python runs each program in a process of its
 * own: default task names ({@code Task-1}, ...) count from 1 and static state starts fresh.
 *
 * @param stdout what it printed to standard output
 * @param stderr what it printed to standard error
 * @param exitStatus its exit status
 */
record SampleProcess(byte[] stdout, String stderr, int exitStatus) {
    private static final long TIMEOUT_SECONDS = 60;

    /** Runs the sample {@code name}, writing its output under {@code scratch}; fails if it runs too long. */
    static SampleProcess run(String name, Path scratch) throws IOException, InterruptedException {
        Path stdout = scratch.resolve(name + ".stdout");
        Path stderr = scratch.resolve(name + ".stderr");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-javaagent:" + agentJar(),
                        "-cp", System.getProperty("java.class.path"),
                        Samples.class.getName(), name))
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

    /** Standard output as text. */
    String stdoutText() {
        return new String(stdout, UTF_8);
    }

    /** The weaving agent, which surefire passes in the system property {@code jasyncio.agent.jar}. */
    private static String agentJar() {
        String agent = System.getProperty("jasyncio.agent.jar");
        if (agent == null || !Files.isRegularFile(Path.of(agent))) {
            fail("the weaving agent is needed to run the samples; build it with mvn verify from the root"
                    + " (system property jasyncio.agent.jar = " + agent + ")");
        }
        return agent;
    }
}
