// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each port of a conformance program prints exactly the bytes that CPython printed for it, recorded
 * in {@code src/test/resources/conformance/NN_name.out}.
 *
 * <p>Each program runs in a JVM of its own, started as {@code java -javaagent:jasyncio-agent.jar
 * -cp <test class path> io.jasyncio.samples.Samples NAME}, as Python runs each {@code .py} in a
 * process of its own: the default task names ({@code Task-1}, ...) count from 1 in each process and
 * module-level state such as 07's counters starts fresh. Like CPython, a port must also print
 * nothing to standard error and exit with status 0.
 */
class ConformanceTest {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path output;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "01_sequential_await,        sequential",
        "02_concurrent_tasks,        concurrent",
        "03_sleep0_interleave,       interleave",
        "04_starvation_no_await,     starvation",
        "05_create_task_start_order, create-task-order",
        "06_await_coroutine_inline,  await-inline",
        "07_await_task_vs_coroutine, iterations",
        "08_task_return_values,      task-results",
    })
    void printsCPythonsOutput(String program, String sample) throws Exception {
        byte[] expected = recordedOutput(program);
        Path stdout = output.resolve(program + ".stdout");
        Path stderr = output.resolve(program + ".stderr");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-javaagent:" + agentJar(),
                        "-cp", System.getProperty("java.class.path"),
                        Samples.class.getName(), sample))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(sample + " did not end within " + TIMEOUT_SECONDS + " s; it printed:\n"
                    + Files.readString(stdout, UTF_8) + Files.readString(stderr, UTF_8));
        }
        String errors = Files.readString(stderr, UTF_8);
        assertEquals(new String(expected, UTF_8), Files.readString(stdout, UTF_8),
                () -> program + ": stdout differs from CPython's; stderr was:\n" + errors);
        assertEquals(0, process.exitValue(), () -> program + ": exit status; stderr was:\n" + errors);
        assertEquals("", errors, () -> program + ": printed to stderr");
        // The text comparison above gives a readable diff; this one is the contract.
        assertArrayEquals(expected, Files.readAllBytes(stdout), program + ": bytes differ");
    }

    private static byte[] recordedOutput(String program) throws IOException {
        String resource = "/conformance/" + program + ".out";
        try (InputStream in = ConformanceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return in.readAllBytes();
        }
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
