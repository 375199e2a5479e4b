// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each port of a conformance program prints exactly the bytes that CPython printed for it, recorded
 * in {@code src/test/resources/conformance/NN_name.out}. Programs 60 and up were written for this
 * project; their sources are beside their output ({@code NN_name.py}), recorded with CPython 3.11.7.
 *
 * <p>Each program runs in a JVM of its own ({@link SampleProcess}). Like CPython, a port must also
 * print nothing to standard error and exit with status 0.
 */
class ConformanceTest {
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
        "10_gather_order,            gather-order",
        "11_gather_exception,        gather-exception",
        "14_cancel_sleep_finally,    cancel-sleep",
        "15_cancel_not_started,      cancel-not-started",
        "20_wait_for_timeout,        wait-for-timeout",
        "22_timeout_cm,              timeout-block",
        "27_taskgroup_basic,         taskgroup-basic",
        "31_queue_producer_consumer, queue-producer-consumer",
        "33_lock_fairness,           lock-fairness",
        "34_event,                   event",
        "37_call_soon_order,         call-soon-order",
        "38_call_later_ordering,     call-later-order",
        "39_future_callbacks,        future-callbacks",
        "43_streams_echo,            streams-echo",
        "66_copy_context,            copy-context",
        "60_asyncgen_aclose_finally, asyncgen-aclose",
        "61_asyncgen_athrow,         asyncgen-athrow",
        "62_asyncgen_asend,          asyncgen-asend",
        "63_asyncgen_shutdown,       asyncgen-shutdown",
        "64_asyncgen_abandoned,      asyncgen-abandoned",
        "65_async_iteration_stream_lines, stream-lines",
    })
    void printsCPythonsOutput(String program, String sample) throws Exception {
        byte[] expected = recordedOutput(program);
        SampleProcess run = SampleProcess.run(sample, output);
        String errors = run.stderr();
        assertEquals(new String(expected, UTF_8), run.stdoutText(),
                () -> program + ": stdout differs from CPython's; stderr was:\n" + errors);
        assertEquals(0, run.exitStatus(), () -> program + ": exit status; stderr was:\n" + errors);
        assertEquals("", errors, () -> program + ": printed to stderr");
        // The text comparison above gives a readable diff; this one is the contract.
        assertArrayEquals(expected, run.stdout(), program + ": bytes differ");
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
}
