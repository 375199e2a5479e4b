// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.timeout;
import static io.jasyncio.Asyncio.timeoutAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** {@code timeout(delay, body)} and {@code timeoutAt(when, body)}, asyncio's {@code async with timeout()}. */
class TimeoutTest extends LoopTestSupport {
    /** Where {@code timeout} blocks leave their {@link Timeout} for the test to read after them. */
    private Timeout last;

    /** Sleeps {@code delay} inside a block of {@code timeout(limit)}, tracing the cancellation the body sees. */
    @Async
    Coroutine<String> sleepWithin(double limit, double delay) {
        return timeout(limit, cm -> {
            last = cm;
            try {
                await(sleep(delay)); // <- the body sleeps
            } catch (CancelledError cancelled) {
                trace("body sees CancelledError at " + getRunningLoop().time());
                throw cancelled;
            }
            return result("slept " + delay);
        });
    }

    @Test
    void bodyThatEndsInTimeReturnsItsValueAndTheTimeoutHasNotExpired() throws Exception {
        assertEquals("slept 0.5", runMain(sleepWithin(1, 0.5)));
        assertFalse(last.expired());
        assertEquals("Timeout[finished]", last.toString());
    }

    @Test
    void deadlineCancelsTheBodyAndTheBlockThrowsTimeoutCausedByTheCancellation() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(sleepWithin(0.2, 10)));
        assertInstanceOf(CancelledError.class, timeout.getCause());
        assertEquals("timed out after 0.2 s in lambda$sleepWithin$0 (TimeoutTest.java:"
                + SourceLines.lineOf(TimeoutTest.class, "the body sleeps") + ")", timeout.getMessage());
        assertTrue(last.expired());
        assertEquals("Timeout[expired]", last.toString());
        assertTrace("body sees CancelledError at 0.2");
    }

    @Async
    Coroutine<String> catchesTheTimeout() {
        try {
            await(sleepWithin(0.2, 10));
        } catch (TimeoutException timedOut) {
            trace("caught TimeoutException, cancelling() = " + currentTask().cancelling());
        }
        await(sleep(1));
        return result("went on at " + getRunningLoop().time());
    }

    @Test
    void taskGoesOnNormallyAfterATimeoutWithItsCancellationUndone() throws Exception {
        assertEquals("went on at 1.2", runMain(catchesTheTimeout()));
        assertTrace("body sees CancelledError at 0.2", "caught TimeoutException, cancelling() = 0");
    }

    @Test
    void deadlineCountsFromTheStartOfTheBlockNotFromItsCreation() throws Exception {
        String slept = runMain(Asyncio.<String>timeout(2, () -> {
            Coroutine<String> later = sleepWithin(1, 0.8);
            await(sleep(0.5));
            return result(await(later) + " by " + getRunningLoop().time());
        }));
        assertEquals("slept 0.8 by 1.3", slept, "the inner deadline is 1.5, not 1.0");
    }

    @Async
    Coroutine<String> pastDeadline() {
        return timeout(-1, () -> {
            trace("body starts although the deadline passed");
            await(sleep(0));
            trace("unreached");
            return result("unreached");
        });
    }

    @Test
    void deadlineInThePastLetsTheBodyRunUntilItsFirstAwait() throws Exception {
        assertThrows(TimeoutException.class, () -> runMain(pastDeadline()));
        assertTrace("body starts although the deadline passed");
    }

    @Async
    Coroutine<String> swallowsTheCancellation() {
        return timeout(0.01, cm -> {
            last = cm;
            try {
                await(sleep(10));
            } catch (CancelledError swallowed) {
                trace("swallowed");
            }
            return result("body returned");
        });
    }

    @Test
    void bodyThatSwallowsTheCancellationEndsTheBlockNormallyButExpired() throws Exception {
        assertEquals("body returned", runMain(swallowsTheCancellation()));
        assertTrue(last.expired());
        assertTrace("swallowed");
    }

    @Async
    Coroutine<String> rescheduled() {
        return timeout(null, cm -> {
            trace("when() = " + cm.when() + ", " + cm);
            cm.reschedule(getRunningLoop().time() + 0.05);
            trace("when() = " + cm.when() + ", " + cm);
            await(sleep(10));
            return result("unreached");
        });
    }

    @Test
    void timeoutOfNullNeverFiresUntilRescheduled() throws Exception {
        assertThrows(TimeoutException.class, () -> runMain(rescheduled()));
        assertTrace("when() = null, Timeout[active when=None]", "when() = 0.05, Timeout[active when=0.05]");
    }

    @Async
    Coroutine<String> reschedulesAfterTheBlock() {
        await(sleepWithin(1, 0));
        last.reschedule(5);
        return result("unreached");
    }

    @Test
    void rescheduleOutsideTheBlockIsRefused() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> runMain(reschedulesAfterTheBlock()));
        assertEquals("Cannot change state of finished Timeout", refused.getMessage());
    }

    @Async
    Coroutine<String> removesTheDeadline() {
        return timeout(0.1, cm -> {
            cm.reschedule(null);
            await(sleep(1));
            return result("no deadline left at " + getRunningLoop().time());
        });
    }

    @Test
    void rescheduleToNullRemovesTheDeadline() throws Exception {
        assertEquals("no deadline left at 1.0", runMain(removesTheDeadline()));
    }

    @Test
    void timeoutAtTakesADeadlineInLoopTime() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(Asyncio.<String>timeoutAt(0.3, () -> {
            await(sleep(10));
            return result("unreached");
        })));
        assertInstanceOf(CancelledError.class, timeout.getCause());
    }

    // ---------------------------------------------------------------------------------------------
    // Nesting and cancellations from elsewhere

    @Async
    Coroutine<String> nested(double outerLimit, double innerLimit) {
        return timeout(outerLimit, () -> {
            try {
                return result(await(sleepWithin(innerLimit, 10)));
            } catch (TimeoutException inner) {
                trace("outer body caught the inner timeout at " + getRunningLoop().time());
                throw inner;
            }
        });
    }

    @Test
    void innerTimeoutThatExpiresFirstIsAnOrdinaryExceptionForTheOuterOne() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(nested(1, 0.1)));
        assertInstanceOf(CancelledError.class, timeout.getCause());
        assertTrace("body sees CancelledError at 0.1", "outer body caught the inner timeout at 0.1");
    }

    @Test
    void outerTimeoutThatExpiresFirstPassesThroughTheUnexpiredInnerOne() throws Exception {
        assertThrows(TimeoutException.class, () -> runMain(nested(0.1, 1)));
        assertTrace("body sees CancelledError at 0.1");
    }

    @Test
    void cancellationFromOutsideStaysACancellation() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleepWithin(1, 10));
            loop.callLater(0.5, () -> task.cancel("from outside"));
            CancelledError cancelled = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals("from outside", cancelled.getMessage());
            assertTrue(task.cancelled());
            assertFalse(last.expired());
        });
        assertTrace("body sees CancelledError at 0.5");
    }

    @Test
    void cancellationFromOutsideAfterTheDeadlineStaysACancellation() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(swallowsThenSleeps());
            loop.callLater(0.5, () -> task.cancel("from outside"));
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertTrue(last.expired(), "expired, but the error was someone else's");
        });
        assertTrace("swallowed the timeout's cancellation at 0.1");
    }

    @Async
    Coroutine<String> swallowsThenSleeps() {
        return timeout(0.1, cm -> {
            last = cm;
            try {
                await(sleep(10));
            } catch (CancelledError swallowed) {
                trace("swallowed the timeout's cancellation at " + getRunningLoop().time());
            }
            await(sleep(10));
            return result("unreached");
        });
    }

    @Test
    void exceptionOfTheBodyPassesThroughUnchanged() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("from the body");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> runMain(
                Asyncio.<String>timeout(1, () -> {
                    await(sleep(0.5));
                    throw failure;
                })));
        assertSame(failure, thrown);
    }

    @Test
    void bodyThatThrowsBeforeGivingItsCoroutineLeavesTheBlockWithThatException() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("no coroutine");
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> runMain(Asyncio.<String>timeout(1, () -> {
            throw failure;
        }))));
    }

    @Test
    void delayOfNaNIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> timeout(Double.NaN, () -> result("x")));
    }
}
