// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test base itself: failures that the code under test swallows still fail the test at teardown. */
class LoopTestSupportTest {
    /** A test instance of its own, whose teardown these tests call. */
    private final LoopTestSupport test = new LoopTestSupport() { };

    @Test
    void assertionFailingInACallbackFailsTheTestAtTeardown() throws Exception {
        test.runTest(loop -> {
            loop.callSoon(() -> {
                throw new AssertionError("caught by the loop");
            });
            LoopTestSupport.runOnce(loop);
        });
        assertTeardownFailsWith("caught by the loop");
    }

    @Test
    void errorReportedToTheExceptionHandlerFailsTheTestAtTeardown() throws Exception {
        test.runTest(loop -> {
            loop.callSoon(() -> {
                throw new IllegalStateException("reported");
            });
            LoopTestSupport.runOnce(loop);
        });
        AssertionError error = assertThrows(AssertionError.class, test::failOnRecordedFailures);
        assertEquals("reported", error.getCause().getCause().getMessage());
    }

    @Test
    void expectOutOfOrderFailsAtTeardownEvenWhenTheErrorIsSwallowed() {
        test.expect(1);
        try {
            test.expect(3);
        } catch (AssertionError swallowed) {
            // as code under test might do
        }
        assertTeardownFailsWith("Expected event 3 but it is event 2");
    }

    @Test
    void expectUnreachedFailsAtTeardownEvenWhenTheErrorIsSwallowed() {
        try {
            test.expectUnreached();
        } catch (AssertionError swallowed) {
            // as code under test might do
        }
        assertTeardownFailsWith("This point must not be reached");
    }

    @Test
    void expectWithoutFinishFailsAtTeardown() {
        test.expect(1);
        AssertionError error = assertThrows(AssertionError.class, test::failOnRecordedFailures);
        assertEquals("Expected finish(2) to be called, but it was not", error.getMessage());
    }

    @Test
    void eventsInOrderEndedByFinishPassTeardown() {
        test.expect(1);
        test.expect(2);
        test.finish(3);
        assertDoesNotThrow(test::failOnRecordedFailures);
    }

    @Test
    void taskLeftPendingFailsTheTestAtTeardown() throws Exception {
        List<Task<?>> sleeper = new ArrayList<>();
        test.runTest(loop -> {
            sleeper.add(loop.createTask(Asyncio.sleep(1), "sleeper"));
            LoopTestSupport.runOnce(loop);
        });
        assertTeardownFailsWith("tasks left pending: " + sleeper);
    }

    @Test
    void exceptionNeverRetrievedFailsTheTestAtTeardown() throws Exception {
        IllegalStateException failure = new IllegalStateException("nobody looked");
        test.runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setException(failure);
        });
        AssertionError error = assertThrows(AssertionError.class, test::failOnRecordedFailures);
        assertEquals("Future exception was never retrieved: Future[finished exception=" + failure + "]",
                error.getCause().getMessage());
        assertSame(failure, error.getCause().getCause());
    }

    @Test
    void exceptionRetrievedPassesTeardown() throws Exception {
        test.runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setException(new IllegalStateException("seen"));
            future.exception();
        });
        assertDoesNotThrow(test::failOnRecordedFailures);
    }

    private void assertTeardownFailsWith(String message) {
        AssertionError error = assertThrows(AssertionError.class, test::failOnRecordedFailures);
        assertEquals(message, error.getCause().getMessage());
    }
}
