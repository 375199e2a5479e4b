// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.FakeClock;
import io.jasyncio.Future;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Lock} driven by tasks that run its {@code acquire()} coroutine directly, as CPython's
 * {@code test_locks} does with {@code create_task(lock.acquire())}; the tests that need coroutines of
 * their own are in the woven module.
 */
class LockTest extends LoopTestSupport {
    private final Lock lock = new Lock();

    /** A task that acquires the lock and traces {@code name} when it has it (or was cancelled). */
    private Task<Boolean> acquirer(EventLoop loop, String name) {
        Task<Boolean> task = loop.createTask(lock.acquire(), name);
        task.addDoneCallback(done -> trace(name + (done.cancelled() ? " cancelled" : " acquired")));
        return task;
    }

    @Test
    void acquireOfAFreeLockTakesItWithoutSuspending() throws Exception {
        runTest(loop -> {
            Task<Boolean> task = loop.createTask(lock.acquire());
            runOnce(loop);
            assertTrue(task.done(), "done in its first step");
            assertTrue(task.result());
            assertTrue(lock.locked());
        });
    }

    @Test
    void releaseWakesWaitersInFifoOrder() throws Exception {
        runTest(loop -> {
            acquirer(loop, "a");
            runOnce(loop);
            acquirer(loop, "b");
            acquirer(loop, "c");
            acquirer(loop, "d");
            runIterations(loop, 2);
            assertEquals("Lock[locked waiters=3]", lock.toString());
            for (int i = 0; i < 3; i++) {
                lock.release();
                runIterations(loop, 2);
            }
            assertEquals("Lock[locked]", lock.toString());
        });
        assertTrace("a acquired", "b acquired", "c acquired", "d acquired");
    }

    @Test
    void releaseDoesNotHandTheLockOverButNewcomersQueueBehindTheWokenWaiter() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            acquirer(loop, "waiter");
            runOnce(loop);
            lock.release();
            assertFalse(lock.locked(), "free until the woken waiter runs");
            acquirer(loop, "newcomer");
            runIterations(loop, 3);
            assertEquals("Lock[locked waiters=1]", lock.toString());
            lock.release();
            runIterations(loop, 3);
        });
        assertTrace("holder acquired", "waiter acquired", "newcomer acquired");
    }

    @Test
    void releaseOfAnUnlockedLockThrowsIllegalStateException() {
        IllegalStateException error = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", error.getMessage());
    }

    @Test
    void aCancelledWaiterLeavesTheQueue() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            Task<Boolean> waiter = acquirer(loop, "waiter");
            runOnce(loop);
            assertEquals("Lock[locked waiters=1]", lock.toString());
            waiter.cancel();
            runIterations(loop, 2);
            assertTrue(waiter.cancelled());
            assertEquals("Lock[locked]", lock.toString());
        });
        assertTrace("holder acquired", "waiter cancelled");
    }

    @Test
    void waitersCancelledAtTheFrontInTheMiddleAndAtTheBackLeaveTheOthersInFifoOrder() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            List<Task<Boolean>> waiters = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d", "e", "f")) {
                waiters.add(acquirer(loop, name));
            }
            runOnce(loop);
            waiters.get(0).cancel();
            waiters.get(2).cancel();
            waiters.get(5).cancel();
            runIterations(loop, 2);
            assertEquals("Lock[locked waiters=3]", lock.toString());
            for (int i = 0; i < 3; i++) {
                lock.release();
                runIterations(loop, 2);
            }
            assertEquals("Lock[locked]", lock.toString());
        });
        assertTrace("holder acquired", "a cancelled", "c cancelled", "f cancelled", "b acquired", "d acquired", "e acquired");
    }

    @Test
    void aWaiterCancelledAfterItWasWokenPassesTheWakeUpOn() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            Task<Boolean> first = acquirer(loop, "first");
            acquirer(loop, "second");
            runOnce(loop);
            lock.release(); // wakes first ...
            first.cancel(); // ... which is cancelled before it runs: its waiter is done, so the next step throws
            runIterations(loop, 4);
            assertTrue(first.cancelled());
            assertEquals("Lock[locked]", lock.toString());
        });
        assertTrace("holder acquired", "first cancelled", "second acquired");
    }

    @Test
    void cancelledWaitersDoNotMakeANewcomerWait() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            Task<Boolean> waiter = acquirer(loop, "waiter");
            runOnce(loop);
            loop.callSoon(() -> {
                acquirer(loop, "newcomer"); // its first step runs before the cancelled waiter leaves the queue
                waiter.cancel();
                lock.release();
            });
            runOnce(loop);
            trace("--- newcomer and waiter run");
            runIterations(loop, 2);
            assertEquals("Lock[locked]", lock.toString());
        });
        assertTrace("holder acquired", "--- newcomer and waiter run", "newcomer acquired", "waiter cancelled");
    }

    @Test
    void withLockReleasesTheLockWhenTheBodyEndsAndReturnsItsResult() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(lock.withLock(() -> {
                trace("body made with the lock held: " + lock.locked());
                return sleep(0, "result");
            }));
            runOnce(loop);
            trace("held across the body's await: " + lock.locked());
            assertEquals("result", loop.runUntilComplete(task));
            assertFalse(lock.locked());
        });
        assertTrace("body made with the lock held: true", "held across the body's await: true");
    }

    @Test
    void withLockReleasesTheLockWhenTheBodyFailsAndRethrowsItsException() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("body failed");
        runTest(loop -> {
            Future<String> body = loop.createFuture();
            Task<String> task = loop.createTask(lock.withLock(() -> body));
            runOnce(loop);
            assertTrue(lock.locked());
            body.setException(failure);
            runIterations(loop, 2);
            assertSame(failure, assertThrows(IllegalArgumentException.class, task::result));
            assertFalse(lock.locked());
        });
    }

    @Test
    void withLockReleasesTheLockWhenMakingTheBodyThrows() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(lock.withLock(() -> {
                throw new IllegalArgumentException("no body");
            }));
            runOnce(loop);
            assertThrows(IllegalArgumentException.class, task::result);
            assertFalse(lock.locked());
        });
    }

    @Test
    void withLockReleasesTheLockWhenCancelledInTheBody() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(lock.withLock(() -> sleep(1, "never")));
            runOnce(loop);
            assertTrue(lock.locked());
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
            assertFalse(lock.locked());
        });
    }

    @Test
    void withLockCancelledWhileWaitingForTheLockReleasesNothing() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            runOnce(loop);
            Task<String> task = loop.createTask(lock.withLock(() -> {
                trace("body must not run");
                return sleep(0, "x");
            }));
            runOnce(loop);
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
            assertEquals("Lock[locked]", lock.toString(), "still held by the holder");
        });
        assertTrace("holder acquired");
    }

    @Test
    void aLockThatWaitedInOneLoopCannotBeWaitedOnInAnother() throws Exception {
        runTest(loop -> {
            acquirer(loop, "holder");
            Task<Boolean> waiter = acquirer(loop, "waiter");
            runOnce(loop);
            waiter.cancel(); // the lock stays bound to this loop
            runIterations(loop, 2);
        });
        runTest(new FakeClock(), other -> {
            Task<Boolean> task = other.createTask(lock.acquire());
            runOnce(other);
            IllegalStateException error = assertThrows(IllegalStateException.class, task::result);
            assertEquals("Lock[locked] is bound to a different event loop", error.getMessage());
        });
        assertTrace("holder acquired", "waiter cancelled");
    }
}
