// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static io.jasyncio.junit.EngineRuns.assertPasses;
import static io.jasyncio.junit.EngineRuns.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.junit.fixtures.Checks;
import org.junit.jupiter.api.Test;

/** Each leak check fails a test that leaves its kind of work behind, and lets it pass when skipped. */
class LeakChecksTest {
    private static void assertMessage(String expectedStart, String expectedPart, Throwable failure) {
        assertInstanceOf(AssertionError.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith(expectedStart), message);
        assertTrue(message.contains(expectedPart), message);
    }

    @Test
    void aTaskLeftPendingFailsTheTestWithItsNameAndWhereItWaits() {
        Throwable failure = failureOf(Checks.class, "pendingTask");
        assertEquals("pendingTask() left work behind:\n"
                + "- 1 task(s) still pending, cancelled now: [LeakCheck.PENDING_TASKS]\n"
                + "    Task[pending name=forgotten coro=Checks.sleepForever awaiting=sleep]\n"
                + "        at io.jasyncio.Sleep.sleep(Unknown Source)\n"
                + "        at io.jasyncio.junit.fixtures.Checks.sleepForever(Checks.java:26)",
                failure.getMessage());
        assertPasses(Checks.class, "pendingTaskAllowed");
    }

    @Test
    void aFailureNobodyRetrievedFailsTheTestWithTheFailureAsCause() {
        Throwable failure = failureOf(Checks.class, "unretrievedException");
        assertMessage("unretrievedException() left work behind:\n- Task exception was never retrieved: Task[finished exception=java.lang.IllegalStateException: nobody looks at me name=failing coro=Checks.failSoon]",
                "[LeakCheck.UNRETRIEVED_EXCEPTIONS]", failure);
        assertEquals("nobody looks at me", failure.getCause().getMessage());
        assertPasses(Checks.class, "unretrievedExceptionAllowed");
        assertPasses(Checks.class, "awaitedFailureIsRetrieved");
    }

    @Test
    void anErrorReportedToTheExceptionHandlerFailsTheTest() {
        Throwable failure = failureOf(Checks.class, "exceptionHandler");
        assertMessage("exceptionHandler() left work behind:\n- reported to the loop's exception handler: Exception in callback",
                "[LeakCheck.EXCEPTION_HANDLER]", failure);
        assertEquals("thrown in a callback", failure.getCause().getMessage());
        assertPasses(Checks.class, "exceptionHandlerAllowed");
    }

    @Test
    void aCallbackLeftInTheReadyQueueFailsTheTest() {
        Throwable failure = failureOf(Checks.class, "readyCallback");
        assertEquals("readyCallback() left work behind:\n"
                + "- 1 callback(s) scheduled and never run: Handle[neverRun] [LeakCheck.READY_CALLBACKS]", failure.getMessage());
        assertPasses(Checks.class, "readyCallbackAllowed");
    }

    @Test
    void aServerLeftOpenFailsTheTest() {
        Throwable failure = failureOf(Checks.class, "openServer");
        assertMessage("openServer() left work behind:\n- 1 channel(s) left open (a server or a connection not closed): "
                + "[server socket listening on /127.0.0.1:", "] [LeakCheck.OPEN_CHANNELS]", failure);
        assertPasses(Checks.class, "openServerAllowed");
        assertPasses(Checks.class, "closedServer");
    }

    @Test
    void aTestThatWaitsForWhatNeverComesFailsAtOnceWithWhereItWaits() {
        Throwable failure = failureOf(Checks.class, "waitsForWhatNeverComes");
        assertMessage("waitsForWhatNeverComes() can never end: the loop would wait forever", "where its stack trace shows", failure);
        assertEquals("io.jasyncio.junit.fixtures.Checks.waitsForWhatNeverComes(Checks.java:169)",
                failure.getStackTrace()[0].toString());
    }
}
