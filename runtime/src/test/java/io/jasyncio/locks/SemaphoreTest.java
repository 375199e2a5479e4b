// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import org.junit.jupiter.api.Test;

/** {@link Semaphore} and {@link BoundedSemaphore} driven by tasks that run {@code acquire()} directly. */
class SemaphoreTest extends LoopTestSupport {
    private final Semaphore semaphore = new Semaphore(2);

    /** The semaphore that {@link #acquirer} acquires. */
    private Semaphore semaphoreUnderTest = semaphore;

    /** A task that takes a permit and traces {@code name} when it has it (or was cancelled). */
    private Task<Boolean> acquirer(EventLoop loop, String name) {
        Task<Boolean> task = loop.createTask(semaphoreUnderTest.acquire(), name);
        task.addDoneCallback(done -> trace(name + (done.cancelled() ? " cancelled" : " acquired")));
        return task;
    }

    @Test
    void acquireTakesFreePermitsWithoutSuspendingThenWaits() throws Exception {
        runTest(loop -> {
            Task<Boolean> first = loop.createTask(semaphore.acquire());
            Task<Boolean> second = loop.createTask(semaphore.acquire());
            Task<Boolean> third = loop.createTask(semaphore.acquire());
            runOnce(loop);
            assertTrue(first.done() && second.done(), "the first two took a permit in their first step");
            assertFalse(third.done());
            assertEquals("Semaphore[locked waiters=1]", semaphore.toString());
            semaphore.release();
            runOnce(loop);
            assertTrue(third.done());
        });
    }

    @Test
    void releaseWakesWaitersInFifoOrder() throws Exception {
        runTest(loop -> {
            acquirer(loop, "a");
            acquirer(loop, "b");
            acquirer(loop, "c");
            acquirer(loop, "d");
            acquirer(loop, "e");
            runIterations(loop, 2);
            semaphore.release();
            runIterations(loop, 2);
            semaphore.release();
            semaphore.release();
            runIterations(loop, 2);
            assertEquals("Semaphore[locked]", semaphore.toString());
        });
        assertTrace("a acquired", "b acquired", "c acquired", "d acquired", "e acquired");
    }

    @Test
    void releaseReservesThePermitForTheWokenWaiter() throws Exception {
        runTest(loop -> {
            Semaphore one = new Semaphore(0);
            Task<Boolean> waiter = loop.createTask(one.acquire());
            runOnce(loop);
            one.release();
            assertTrue(one.locked(), "the permit is reserved for the waiter");
            Task<Boolean> newcomer = loop.createTask(one.acquire());
            runIterations(loop, 2);
            assertTrue(waiter.done());
            assertFalse(newcomer.done(), "the newcomer waits behind the woken waiter");
            assertEquals("Semaphore[locked waiters=1]", one.toString());
            one.release();
            runOnce(loop);
            assertTrue(newcomer.done());
        });
    }

    @Test
    void lockedIsTrueWhileANonCancelledTaskWaitsEvenWithAFreePermit() throws Exception {
        runTest(loop -> {
            Semaphore zero = new Semaphore(0);
            Task<Boolean> waiter = loop.createTask(zero.acquire());
            runOnce(loop);
            waiter.cancel();
            zero.release(); // the cancelled waiter is done: nobody is woken and the permit stays free
            assertFalse(zero.locked(), "a cancelled waiter does not count");
            assertEquals("Semaphore[unlocked value=1 waiters=1]", zero.toString());
            runOnce(loop);
            assertEquals("Semaphore[unlocked value=1]", zero.toString());
        });
    }

    @Test
    void aWaiterCancelledAfterItWasWokenGivesItsPermitToTheNext() throws Exception {
        runTest(loop -> {
            acquirer(loop, "a");
            acquirer(loop, "b");
            Task<Boolean> woken = acquirer(loop, "woken");
            acquirer(loop, "next");
            runIterations(loop, 2);
            semaphore.release();
            woken.cancel();
            runIterations(loop, 4);
            assertEquals("Semaphore[locked]", semaphore.toString());
        });
        assertTrace("a acquired", "b acquired", "woken cancelled", "next acquired");
    }

    @Test
    void aWokenWaiterPassesOnAPermitThatWasReleasedWhileNobodyCouldBeWoken() throws Exception {
        runTest(loop -> {
            Semaphore zero = new Semaphore(0);
            semaphoreUnderTest = zero;
            acquirer(loop, "woken");
            Task<Boolean> cancelled = acquirer(loop, "cancelled");
            runOnce(loop);
            loop.callSoon(() -> {
                acquirer(loop, "newcomer"); // runs before the others wake, and waits behind the woken one
                zero.release(); // reserved for "woken"
                cancelled.cancel();
                zero.release(); // nobody left to wake: the permit stays free
            });
            runIterations(loop, 2);
            // "woken" took its permit and woke the newcomer with the free one
            assertEquals("Semaphore[locked waiters=1]", zero.toString());
            runIterations(loop, 2);
            assertEquals("Semaphore[locked]", zero.toString());
        });
        assertTrace("woken acquired", "cancelled cancelled", "newcomer acquired");
    }

    @Test
    void aCancelledWaiterLeavesTheQueueWithoutAPermit() throws Exception {
        runTest(loop -> {
            acquirer(loop, "a");
            acquirer(loop, "b");
            Task<Boolean> waiter = acquirer(loop, "waiter");
            runIterations(loop, 2);
            waiter.cancel();
            runIterations(loop, 2);
            assertEquals("Semaphore[locked]", semaphore.toString());
            semaphore.release();
            assertEquals("Semaphore[unlocked value=1]", semaphore.toString());
        });
        assertTrace("a acquired", "b acquired", "waiter cancelled");
    }

    @Test
    void aNegativeInitialValueIsRefused() {
        assertEquals("Semaphore initial value must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage());
    }

    @Test
    void boundedSemaphoreRefusesAReleaseAboveItsInitialValue() throws Exception {
        BoundedSemaphore bounded = new BoundedSemaphore(1);
        runTest(loop -> {
            loop.runUntilComplete(bounded.acquire());
            bounded.release();
        });
        IllegalStateException error = assertThrows(IllegalStateException.class, bounded::release);
        assertEquals("BoundedSemaphore released too many times (value 1 of 1)", error.getMessage());
        assertEquals("BoundedSemaphore[unlocked value=1]", bounded.toString());
    }
}
