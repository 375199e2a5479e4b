// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Futures with plain callbacks, without tasks: states, outcomes and done callbacks. */
class FutureTest extends LoopTestSupport {
    // ---------------------------------------------------------------------------------------------
    // States and outcomes

    @Test
    void newFutureIsPendingAndHasNoOutcomeYet() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            assertFalse(future.done());
            assertFalse(future.cancelled());
            assertSame(loop, future.getLoop());
            assertEquals("Result is not ready.", assertThrows(InvalidStateException.class, future::result).getMessage());
            assertEquals("Exception is not set.",
                    assertThrows(InvalidStateException.class, future::exception).getMessage());
        });
    }

    @Test
    void futureWithAResultReturnsItAndNoException() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setResult("value");
            assertTrue(future.done());
            assertFalse(future.cancelled());
            assertEquals("value", future.result());
            assertNull(future.exception());
        });
    }

    @Test
    void futureWithANullResultIsDone() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setResult(null);
            assertTrue(future.done());
            assertNull(future.result());
            assertNull(future.exception());
        });
    }

    @Test
    void failedFutureThrowsTheSameExceptionObjectEveryTime() throws Exception {
        IOException failure = new IOException("checked, and not wrapped");
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setException(failure);
            assertTrue(future.done());
            assertFalse(future.cancelled());
            assertSame(failure, assertThrows(IOException.class, future::result));
            assertSame(failure, assertThrows(IOException.class, future::result));
            assertSame(failure, future.exception());
            assertSame(failure, future.exception());
        });
    }

    @Test
    void cancelledFutureThrowsCancelledErrorFromResultAndException() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            assertTrue(future.cancel());
            assertTrue(future.done());
            assertTrue(future.cancelled());
            assertNull(assertThrows(CancelledError.class, future::result).getMessage());
            assertNull(assertThrows(CancelledError.class, future::exception).getMessage());
        });
    }

    @Test
    void cancelMessageIsCarriedByTheCancelledError() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            assertTrue(future.cancel("no longer needed"));
            assertEquals("no longer needed", assertThrows(CancelledError.class, future::result).getMessage());
            assertEquals("no longer needed", assertThrows(CancelledError.class, future::exception).getMessage());
        });
    }

    @Test
    void cancelReturnsTrueOnlyForAPendingFuture() throws Exception {
        runTest(loop -> {
            Future<String> cancelled = loop.createFuture();
            assertTrue(cancelled.cancel());
            assertFalse(cancelled.cancel());
            assertFalse(cancelled.cancel("again"));

            Future<String> finished = loop.createFuture();
            finished.setResult("kept");
            assertFalse(finished.cancel());
            assertFalse(finished.cancelled());
            assertEquals("kept", finished.result());

            Future<String> failed = loop.createFuture();
            IllegalStateException failure = new IllegalStateException("kept");
            failed.setException(failure);
            assertFalse(failed.cancel());
            assertSame(failure, failed.exception());
        });
    }

    @Test
    void doneFutureRefusesASecondOutcome() throws Exception {
        runTest(loop -> {
            Future<String> finished = loop.createFuture();
            finished.setResult("first");
            assertRefusesOutcomes(finished);
            assertEquals("first", finished.result());

            Future<String> failed = loop.createFuture();
            IllegalStateException failure = new IllegalStateException("first");
            failed.setException(failure);
            assertRefusesOutcomes(failed);
            assertSame(failure, failed.exception());

            Future<String> cancelled = loop.createFuture();
            cancelled.cancel();
            assertRefusesOutcomes(cancelled);
            assertTrue(cancelled.cancelled());
        });
    }

    private static void assertRefusesOutcomes(Future<String> done) {
        assertThrows(InvalidStateException.class, () -> done.setResult("second"));
        assertThrows(InvalidStateException.class, () -> done.setException(new IllegalStateException("second")));
    }

    @Test
    void toStringShowsTheStateLikeAsynciosRepr() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            assertEquals("Future[pending]", future.toString());
            future.setResult("x");
            assertEquals("Future[finished result=x]", future.toString());

            Future<String> failed = loop.createFuture();
            failed.setException(new IOException("disk"));
            assertEquals("Future[finished exception=java.io.IOException: disk]", failed.toString());
            failed.exception(); // retrieved, or the test fails with "Future exception was never retrieved"

            Future<String> cancelled = loop.createFuture();
            cancelled.cancel();
            assertEquals("Future[cancelled]", cancelled.toString());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Done callbacks

    @Test
    void doneCallbacksAreScheduledWithCallSoonInRegistrationOrderAndNeverRunInline() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callSoon(() -> trace("callSoon before completion"));
            future.addDoneCallback(done -> trace("callback 1 sees " + done.result()));
            future.addDoneCallback(done -> trace("callback 2 sees " + done.result()));
            future.addDoneCallback(done -> trace("callback 3 sees " + done.result()));
            future.setResult("R");
            trace("setResult returned");
            loop.callSoon(() -> trace("callSoon after completion"));
            runOnce(loop);
        });
        assertTrace(
                "setResult returned",
                "callSoon before completion",
                "callback 1 sees R",
                "callback 2 sees R",
                "callback 3 sees R",
                "callSoon after completion");
    }

    @Test
    void doneCallbacksRunAfterAnExceptionWithoutRunningInline() throws Exception {
        assertCallbacksScheduledWhenDone(future -> future.setException(new IOException("failed")), true);
    }

    @Test
    void doneCallbacksRunAfterCancelWithoutRunningInline() throws Exception {
        assertCallbacksScheduledWhenDone(Future::cancel, false);
    }

    /** Completes a future with two callbacks by {@code completion} and checks they run later, in order. */
    private void assertCallbacksScheduledWhenDone(Consumer<Future<String>> completion, boolean failed) throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.addDoneCallback(done -> trace("callback 1, done: " + done.done()));
            future.addDoneCallback(done -> trace("callback 2, done: " + done.done() + ", failed: "
                    + (!done.cancelled() && done.exception() != null)));
            completion.accept(future);
            trace("completed");
            runOnce(loop);
        });
        assertTrace("completed", "callback 1, done: true", "callback 2, done: true, failed: " + failed);
    }

    @Test
    void doneCallbackReceivesTheFuture() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.addDoneCallback(done -> trace("received its future: " + (done == future)));
            future.setResult("x");
            runOnce(loop);
        });
        assertTrace("received its future: true");
    }

    @Test
    void callbackAddedToADoneFutureIsScheduledNotRunInline() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.setResult("R");
            loop.callSoon(() -> trace("callSoon before"));
            future.addDoneCallback(done -> trace("late callback sees " + done.result()));
            trace("addDoneCallback returned");
            loop.callSoon(() -> trace("callSoon after"));
            runOnce(loop);
        });
        assertTrace("addDoneCallback returned", "callSoon before", "late callback sees R", "callSoon after");
    }

    @Test
    void eachDoneCallbackRunsOnce() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.addDoneCallback(done -> trace("callback"));
            future.setResult("x");
            runIterations(loop, 3);
        });
        assertTrace("callback");
    }

    /** As in asyncio, a done future has scheduled its callbacks already: removing one then removes nothing. */
    @Test
    void removingADoneCallbackOfADoneFutureRemovesNothing() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Consumer<Future<String>> callback = done -> trace("ran: " + done.exception().getMessage());
            future.addDoneCallback(callback);
            future.setException(new IllegalStateException("boom"));
            assertEquals(0, future.removeDoneCallback(callback));
            runOnce(loop);
        });
        assertTrace("ran: boom");
    }

    @Test
    void removeDoneCallbackReturnsHowManyRegistrationsItRemoved() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Consumer<Future<String>> twice = done -> trace("removed twice");
            Consumer<Future<String>> once = done -> trace("removed once");
            Consumer<Future<String>> kept = done -> trace("kept");
            Consumer<Future<String>> neverAdded = done -> trace("never added");
            future.addDoneCallback(twice);
            future.addDoneCallback(kept);
            future.addDoneCallback(once);
            future.addDoneCallback(twice);
            assertEquals(2, future.removeDoneCallback(twice));
            assertEquals(0, future.removeDoneCallback(twice));
            assertEquals(1, future.removeDoneCallback(once));
            assertEquals(0, future.removeDoneCallback(neverAdded));
            future.setResult("x");
            runOnce(loop);
        });
        assertTrace("kept");
    }

    @Test
    void removeDoneCallbackOfTheOnlyRegistration() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Consumer<Future<String>> only = done -> trace("removed");
            Consumer<Future<String>> other = done -> trace("other");
            assertEquals(0, future.removeDoneCallback(only));
            future.addDoneCallback(only);
            assertEquals(0, future.removeDoneCallback(other));
            assertEquals(1, future.removeDoneCallback(only));
            future.addDoneCallback(other);
            future.setResult("x");
            runOnce(loop);
        });
        assertTrace("other");
    }

    @Test
    void nullCallbackOrExceptionIsRefused() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            assertThrows(NullPointerException.class, () -> future.addDoneCallback(null));
            assertThrows(NullPointerException.class, () -> future.setException(null));
            assertFalse(future.done());
        });
    }
}
