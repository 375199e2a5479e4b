// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static io.jasyncio.junit.EngineRuns.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.junit.fixtures.Failures;
import io.jasyncio.junit.fixtures.Parallel;
import io.jasyncio.junit.fixtures.Templates;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Async tests among JUnit's other features: templates, parallel execution, failures as thrown. */
class JupiterFeaturesTest {
    @Test
    void parameterizedAndRepeatedTestsRunThroughRunTestEachOnAFreshLoop() {
        EngineExecutionResults results = EngineRuns.runClass(Templates.class, Map.of());
        List<String> failed = results.testEvents().failed().stream().map(event -> event.getTestDescriptor().getDisplayName()).toList();
        assertEquals(List.of("[2] 2.0", "repetition 1 of 2", "repetition 2 of 2"), failed);
        assertEquals(3 + 1 + 3 + 1, results.testEvents().succeeded().count());
        List<Throwable> failures = EngineRuns.failures(results);
        assertEquals("the loop's time ==> expected: <1.0> but was: <2.0>", failures.get(0).getMessage());
        assertTrue(failures.get(1).getMessage().startsWith("runTest left work behind:\n- 1 task(s) still pending, cancelled now: [LeakCheck.PENDING_TASKS]\n"
                + "    Task[pending name=leaked coro=sleep awaiting=sleep]"), failures.get(1).getMessage());
    }

    @Test
    void parallelTestsEachRunOnTheirOwnLoopAndThread() {
        Parallel.LOOPS_AND_THREADS.clear();
        EngineExecutionResults results = EngineRuns.runClass(Parallel.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        assertEquals(List.of(), EngineRuns.failures(results), "the two tests met at the barrier");
        assertEquals(2, results.testEvents().succeeded().count());
        String[] first = Parallel.LOOPS_AND_THREADS.get("first").split(" ");
        String[] second = Parallel.LOOPS_AND_THREADS.get("second").split(" ");
        assertNotEquals(first[0], second[0], "loops");
        assertNotEquals(first[1], second[1], "threads");
    }

    @Test
    void withoutParallelExecutionTheBarrierFailsSoTheParallelTestCanFail() {
        Parallel.BARRIER.reset();
        EngineExecutionResults results = EngineRuns.runClass(Parallel.class, Map.of());
        assertEquals(2, results.testEvents().failed().count());
        Parallel.BARRIER.reset();
    }

    @Test
    void aFailingTestFailsWithItsExceptionAsThrownAndItsAsyncTrace() {
        Throwable failure = failureOf(Failures.class, "throwsThroughTwoAwaits");
        assertInstanceOf(IllegalArgumentException.class, failure);
        assertEquals("deep down", failure.getMessage());
        List<String> methods = Arrays.stream(failure.getStackTrace())
                .filter(frame -> frame.getClassName().equals(Failures.class.getName()))
                .map(StackTraceElement::getMethodName).toList();
        assertEquals(List.of("deepest", "middle", "throwsThroughTwoAwaits"), methods);
    }

    @Test
    void anAsyncTestThatReturnsNoCoroutineIsRefusedByName() {
        Throwable failure = failureOf(Failures.class, "notACoroutine");
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertEquals("@AsyncTest method io.jasyncio.junit.fixtures.Failures.notACoroutine() must be @Async and return "
                + "Coroutine, not Object", failure.getMessage());
    }
}
