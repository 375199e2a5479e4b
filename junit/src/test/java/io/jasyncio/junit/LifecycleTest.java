// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static io.jasyncio.junit.EngineRuns.failureOf;
import static io.jasyncio.junit.EngineRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.junit.fixtures.FailingSetUp;
import io.jasyncio.junit.fixtures.Lifecycle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Async set-up and tear-down run on the test's loop, in order, also around nested tests. */
class LifecycleTest {
    @BeforeEach
    void clearTrace() {
        Lifecycle.TRACE.clear();
    }

    @Test
    void setUpTestAndTearDownRunOnOneLoopInOrder() {
        EngineExecutionResults results = run(Lifecycle.class, "test");
        assertEquals(List.of(), EngineRuns.failures(results));
        assertEquals(List.of("@BeforeEach", "@AsyncBeforeEach at 1.0 on loop 0", "test at 1.0 on loop 0",
                "@AsyncAfterEach at 2.0 on loop 0", "@AfterEach"), Lifecycle.TRACE);
    }

    @Test
    void theTearDownRunsAfterAFailedTest() {
        Throwable failure = failureOf(Lifecycle.class, "failingTest");
        assertEquals("the test failed", failure.getMessage());
        assertEquals(List.of("@BeforeEach", "@AsyncBeforeEach at 1.0 on loop 0", "failing test on loop 0",
                "@AsyncAfterEach at 3.0 on loop 0", "@AfterEach"), Lifecycle.TRACE);
    }

    @Test
    void aFailedSetUpSkipsTheTestButNotTheTearDown() {
        Throwable failure = failureOf(FailingSetUp.class, "test");
        assertEquals("set-up failed", failure.getMessage());
        assertEquals(List.of("tear-down"), Lifecycle.TRACE);
    }

    @Test
    void aNestedTestRunsTheEnclosingSetUpFirstAndItsTearDownLast() {
        EngineExecutionResults results = EngineRuns.runClass(Lifecycle.Inner.class, Map.of());
        assertEquals(List.of(), EngineRuns.failures(results));
        assertEquals(1, results.testEvents().succeeded().count());
        assertEquals(List.of("@BeforeEach", "@AsyncBeforeEach at 1.0 on loop 0", "inner @AsyncBeforeEach on loop 0",
                "inner test on loop 0", "inner @AsyncAfterEach on loop 0", "@AsyncAfterEach at 2.0 on loop 0", "@AfterEach"),
                Lifecycle.TRACE);
    }
}
