// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixtures through JUnit Jupiter with {@link EngineTestKit} and reads what happened. */
final class EngineRuns {
    private EngineRuns() {
    }

    /** Runs the fixture method {@code method} of {@code fixture} and returns every event. */
    static EngineExecutionResults run(Class<?> fixture, String method) {
        return run(Map.of(), selectMethod(fixture, method));
    }

    /** Runs every test of {@code fixture}, with the configuration parameters {@code configuration}. */
    static EngineExecutionResults runClass(Class<?> fixture, Map<String, String> configuration) {
        return run(configuration, selectClass(fixture));
    }

    private static EngineExecutionResults run(Map<String, String> configuration, DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selector).execute();
    }

    /** Asserts that the fixture method ran one test, which passed, and nothing failed. */
    static void assertPasses(Class<?> fixture, String method) {
        EngineExecutionResults results = run(fixture, method);
        assertEquals(List.of(), failures(results), "failures");
        assertEquals(1, results.testEvents().succeeded().count(), "tests passed");
    }

    /** Runs the fixture method, asserts that exactly one test or container failed, and returns its exception. */
    static Throwable failureOf(Class<?> fixture, String method) {
        List<Throwable> failures = failures(run(fixture, method));
        assertEquals(1, failures.size(), () -> "one failure expected: " + failures);
        return failures.get(0);
    }

    /** The exceptions of the failed tests and containers, in order. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream().map(EngineRuns::throwableOf).toList();
    }

    private static Throwable throwableOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
