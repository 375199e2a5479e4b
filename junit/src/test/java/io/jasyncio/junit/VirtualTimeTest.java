// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static io.jasyncio.junit.EngineRuns.assertPasses;
import static io.jasyncio.junit.EngineRuns.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.junit.fixtures.Time;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtual time by default, real time on request, and timeouts in the loop's time. */
class VirtualTimeTest {
    /** Far more than virtual time ever needs, far less than what its sleeps would take in real time. */
    private static final long PATIENCE_MILLIS = 60_000;

    @Test
    void anHourPassesInVirtualTimeWithoutWaiting() {
        assertPasses(Time.class, "sleepsAnHourInVirtualTime");
        assertTrue(Time.realMillis < PATIENCE_MILLIS, Time.realMillis + " ms");
    }

    @Test
    void realTimeSleepsForReal() {
        assertPasses(Time.class, "sleepsInRealTime");
        assertTrue(Time.realMillis >= 200, Time.realMillis + " ms");
    }

    @Test
    void advanceTimeByAndRunUntilIdleRunTheTimersInOrder() {
        assertPasses(Time.class, "advancesTimeAndRunsUntilIdle");
    }

    @Test
    void aJobInAThreadIsWaitedForAtRealSpeedInsteadOfJumpingToTheTimeout() {
        assertPasses(Time.class, "waitsForAThreadInsteadOfJumping");
    }

    @Test
    void aTestWithinItsTimeoutPasses() {
        assertPasses(Time.class, "endsBeforeItsTimeout");
    }

    @Test
    void aTestPastItsTimeoutFailsWithWhereItsCoroutineWaited() {
        Throwable failure = failureOf(Time.class, "outlivesItsTimeout");
        assertInstanceOf(AsyncTestTimeoutError.class, failure);
        assertEquals("outlivesItsTimeout() timed out after 5 s of virtual loop time; its coroutine waited in "
                + "io.jasyncio.Sleep.sleep(Unknown Source)", failure.getMessage());
        List<String> stack = Arrays.stream(failure.getStackTrace()).map(StackTraceElement::toString).toList();
        assertEquals(List.of("io.jasyncio.Sleep.sleep(Unknown Source)",
                "io.jasyncio.junit.fixtures.Time.waitLong(Time.java:81)",
                "io.jasyncio.junit.fixtures.Time.outlivesItsTimeout(Time.java:88)"), stack);
        assertInstanceOf(CancelledError.class, failure.getCause(), "the cancellation the test ended with");
    }
}
