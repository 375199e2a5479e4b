// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** {@link Condition}: waiting releases the lock, notifying wakes waiters in order, and the lock is always taken back. */
class ConditionTest extends LoopTestSupport {
    private final Condition condition = new Condition();

    /** Waits on the condition with the lock held, tracing what happens, and releases the lock at the end. */
    @Async
    Coroutine<Void> waiter(String name) {
        await(condition.acquire());
        try {
            trace(name + " waits");
            await(condition.await());
            trace(name + " notified, holding the lock: " + condition.locked());
        } catch (CancelledError cancelled) {
            trace(name + " cancelled, holding the lock: " + condition.locked());
            throw cancelled;
        } finally {
            condition.release();
        }
        return result(null);
    }

    /** With the lock held, calls {@code notify(n)}. */
    @Async
    Coroutine<Void> notifier(int n) {
        await(condition.acquire());
        try {
            trace("notify(" + n + ")");
            condition.notify(n);
        } finally {
            condition.release();
        }
        return result(null);
    }

    @Test
    void notifyWakesTheFirstNWaitersInTheOrderTheyBeganToWait() throws Exception {
        runTest(loop -> loop.runUntilComplete(main()));
        assertTrace(
                "w1 waits", "w2 waits", "w3 waits", "lock free while they wait: true",
                "notify(2)", "w1 notified, holding the lock: true", "w2 notified, holding the lock: true",
                "signalAll", "w3 notified, holding the lock: true");
    }

    @Async
    Coroutine<Void> main() {
        Task<Void> w1 = createTask(waiter("w1"));
        Task<Void> w2 = createTask(waiter("w2"));
        Task<Void> w3 = createTask(waiter("w3"));
        await(sleep(0));
        trace("lock free while they wait: " + !condition.locked());
        await(notifier(2));
        await(sleep(0.1));
        await(condition.acquire());
        trace("signalAll");
        condition.signalAll();
        condition.release();
        await(gather(w1, w2, w3));
        return result(null);
    }

    @Test
    void awaitAndNotifyWithoutTheLockThrowIllegalStateException() throws Exception {
        runTest(loop -> {
            Task<Boolean> task = loop.createTask(condition.await());
            runOnce(loop);
            assertEquals("cannot wait on un-acquired lock", assertThrows(IllegalStateException.class, task::result).getMessage());
        });
        assertEquals("cannot notify on un-acquired lock",
                assertThrows(IllegalStateException.class, () -> condition.notify(1)).getMessage());
        assertThrows(IllegalStateException.class, condition::signalAll);
    }

    @Test
    void aCancelledWaiterTakesTheLockBackBeforeItsCancelledErrorPropagates() throws Exception {
        runTest(loop -> loop.runUntilComplete(cancelWhileWaiting()));
        assertTrace("w waits", "holder has the lock", "holder releases", "w cancelled, holding the lock: true", "w cancelled: true");
    }

    @Async
    Coroutine<Void> cancelWhileWaiting() {
        Task<Void> w = createTask(waiter("w"));
        await(sleep(0));
        await(condition.acquire());
        trace("holder has the lock");
        w.cancel();
        await(sleep(0.1)); // w stays blocked: it must take the lock back before it can throw
        trace("holder releases");
        condition.release();
        try {
            await(w);
        } catch (CancelledError expected) {
            trace("w cancelled: " + w.cancelled());
        }
        return result(null);
    }

    @Test
    void aCancellationWhileTakingTheLockBackIsThrownOnceTheLockIsHeld() throws Exception {
        runTest(loop -> loop.runUntilComplete(cancelWhileReacquiring()));
        assertTrace(
                "w waits", "holder notifies and keeps the lock", "w cancelled while taking the lock back",
                "holder releases", "w cancelled, holding the lock: true", "lock free again: true");
    }

    @Async
    Coroutine<Void> cancelWhileReacquiring() {
        Task<Void> w = createTask(waiter("w"));
        await(sleep(0));
        await(condition.acquire());
        trace("holder notifies and keeps the lock");
        condition.signal();
        await(sleep(0.1)); // w woke and now waits for the lock
        trace("w cancelled while taking the lock back");
        w.cancel();
        await(sleep(0.1));
        trace("holder releases");
        condition.release();
        try {
            await(w);
        } catch (CancelledError expected) {
            trace("lock free again: " + !condition.locked());
        }
        return result(null);
    }

    @Test
    void notifySkipsWaitersThatWereCancelled() throws Exception {
        runTest(loop -> loop.runUntilComplete(notifyAfterACancel()));
        assertTrace("w1 waits", "w2 waits", "notify(1)", "w1 cancelled, holding the lock: true",
                "w2 notified, holding the lock: true");
    }

    @Async
    Coroutine<Void> notifyAfterACancel() {
        Task<Void> w1 = createTask(waiter("w1"));
        Task<Void> w2 = createTask(waiter("w2"));
        await(sleep(0));
        w1.cancel(); // its waiter future is cancelled at once, before w1 leaves the queue
        await(notifier(1));
        await(gather(true, w1, w2));
        return result(null);
    }

    @Test
    void waitForReturnsOnceThePredicateHoldsTestingItAfterEachNotification() throws Exception {
        int[] counter = {0};
        runTest(loop -> loop.runUntilComplete(waitForCounter(counter)));
        assertTrace("predicate at 0", "predicate at 1", "predicate at 2", "predicate at 3", "waitFor returned true",
                "lock released by withLock: true");
    }

    @Async
    Coroutine<Void> waitForCounter(int[] counter) {
        Task<Boolean> waiting = createTask(condition.withLock(() -> condition.waitFor(() -> {
            trace("predicate at " + counter[0]);
            return counter[0] >= 3;
        })));
        await(sleep(0));
        for (int i = 0; i < 3; i++) {
            await(condition.acquire());
            counter[0]++;
            condition.signalAll();
            condition.release();
            await(sleep(0.1));
        }
        trace("waitFor returned " + await(waiting));
        trace("lock released by withLock: " + !condition.locked());
        return result(null);
    }

    @Test
    void aCancelledWaitForTakesTheLockBackBeforeItsCancelledErrorPropagates() throws Exception {
        runTest(loop -> loop.runUntilComplete(cancelWaitFor()));
        assertTrace("predicate false", "holder releases", "cancelled: true, lock free: true");
    }

    @Async
    Coroutine<Void> cancelWaitFor() {
        Task<Boolean> waiting = createTask(condition.withLock(() -> condition.waitFor(() -> {
            trace("predicate false");
            return false;
        })));
        await(sleep(0));
        await(condition.acquire());
        waiting.cancel();
        await(sleep(0.1)); // the waiter must take the lock back before it can throw
        trace("holder releases");
        condition.release();
        try {
            await(waiting);
        } catch (CancelledError expected) {
            trace("cancelled: " + waiting.cancelled() + ", lock free: " + !condition.locked());
        }
        return result(null);
    }

    @Test
    void toStringShowsTheLockAndTheWaiters() throws Exception {
        assertEquals("Condition[unlocked]", condition.toString());
        runTest(loop -> {
            Task<Void> w = loop.createTask(waiter("w"));
            runOnce(loop);
            assertEquals("Condition[unlocked waiters=1]", condition.toString());
            w.cancel();
            runIterations(loop, 2);
            assertEquals("Condition[unlocked]", condition.toString());
            Lock shared = new Lock();
            loop.runUntilComplete(shared.acquire());
            assertEquals("Condition[locked]", new Condition(shared).toString());
        });
        assertTrace("w waits", "w cancelled, holding the lock: true");
    }
}
