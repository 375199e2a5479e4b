// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.Waiters;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A condition variable for tasks, asyncio's {@code Condition}: tasks that hold its {@link Lock} wait
 * in {@link #await()} until another task notifies them.
 *
 * <p>Three of asyncio's names are final methods of {@link Object} in Java, so they take the names
 * that {@link java.util.concurrent.locks.Condition} gives the same operations: {@code wait()} is
 * {@link #await()}, {@code notify()} is {@link #signal()} and {@code notify_all()} is
 * {@link #signalAll()}; {@code notify(n)} keeps its name, {@link #notify(int)}. Calling
 * {@code Object}'s {@code wait()} or {@code notifyAll()} on a condition by mistake throws
 * {@link IllegalMonitorStateException}.
 *
 * <p>Waiting releases the lock, and the task takes it again before {@code await()} returns or
 * throws, even when it is cancelled. Notified tasks wake in the order they began to wait. Like the
 * lock, a condition belongs to no task. Loop thread only.
 */
public final class Condition {
    private final Lock lock;

    /** The futures of the tasks waiting in {@link #await()}, in arrival order. */
    private final Waiters<Boolean> waiters = new Waiters<>(new LoopBinding(this));

    /** A condition with a new lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition on {@code lock}, which other conditions and code may share. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Whether the lock is held, asyncio's {@code locked()}. */
    public boolean locked() {
        return lock.locked();
    }

    /** A coroutine that acquires the lock, asyncio's {@code acquire()}: see {@link Lock#acquire()}. */
    public Coroutine<Boolean> acquire() {
        return lock.acquire();
    }

    /** Releases the lock, asyncio's {@code release()}: see {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /** Python's {@code async with condition: return await body()}: see {@link Lock#withLock}. */
    public <T> Coroutine<T> withLock(Supplier<? extends Awaitable<? extends T>> body) {
        return new Holding<>("Condition.withLock", this::acquire, this::release, body);
    }

    /**
     * A coroutine that waits until notified and returns {@code true}, asyncio's {@code wait()}: the
     * lock must be held ({@link IllegalStateException}, Python's {@code RuntimeError}, if not); it is
     * released while the task waits and acquired again before the coroutine returns or throws.
     * Cancelled, it still takes the lock back first, then throws {@link CancelledError}.
     */
    public Coroutine<Boolean> await() {
        return new Wait();
    }

    /**
     * A coroutine that waits until {@code predicate} is true, asyncio's {@code wait_for(predicate)}:
     * tests it with the lock held, then again after each {@link #await()}, and returns {@code true}.
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        return new WaitFor(Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Wakes the first {@code n} waiting tasks that are not woken yet, asyncio's {@code notify(n)}; the
     * lock must be held ({@link IllegalStateException} if not). A woken task returns from
     * {@code await()} only once it has the lock again, which the notifier still holds.
     */
    public void notify(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        waiters.wakeUp(n, false);
    }

    /** Wakes one waiting task, asyncio's {@code notify()}: {@link #notify(int) notify(1)}. */
    public void signal() {
        notify(1);
    }

    /** Wakes every waiting task, asyncio's {@code notify_all()}: see {@link #notify(int)}. */
    public void signalAll() {
        notify(waiters.size());
    }

    @Override
    public String toString() {
        String state = locked() ? "locked" : "unlocked";
        return "Condition[" + state + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }

    /** The coroutine of {@link #await()}. */
    private final class Wait extends HandWrittenCoroutine<Boolean> {
        private static final int NOTIFIED = 1;
        private static final int REACQUIRED = 2;

        /** What ended the wait for the notification, rethrown once the lock is held again. */
        private Throwable waitFailure;

        Wait() {
            super("Condition.await");
        }

        /** Whether a cancellation interrupted an attempt to take the lock back. */
        private boolean cancelledWhileReacquiring;

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    if (!locked()) {
                        throw new IllegalStateException("cannot wait on un-acquired lock");
                    }
                    release();
                    return await(NOTIFIED, new QueuedWait("Condition.await", waiters) {
                        @Override
                        boolean proceedsAtOnce() {
                            return false;
                        }
                    });
                case NOTIFIED:
                    try {
                        awaited();
                    } catch (Throwable failure) {
                        waitFailure = failure; // thrown once the lock is held again
                    }
                    return reacquire();
                case REACQUIRED:
                    try {
                        awaited();
                    } catch (CancelledError cancelled) {
                        // The lock must be held again whatever happens: retry, and report the cancellation after.
                        cancelledWhileReacquiring = true;
                        return reacquire();
                    }
                    if (cancelledWhileReacquiring) {
                        throw new CancelledError();
                    }
                    if (waitFailure != null) {
                        Throwable failure = waitFailure;
                        waitFailure = null;
                        throw rethrow(failure);
                    }
                    return finish(true);
                default:
                    throw badLabel(label);
            }
        }

        private Object reacquire() {
            return await(REACQUIRED, acquire());
        }
    }

    /** The coroutine of {@link #waitFor(BooleanSupplier)}. */
    private final class WaitFor extends HandWrittenCoroutine<Boolean> {
        private static final int NOTIFIED = 1;

        private final BooleanSupplier predicate;

        WaitFor(BooleanSupplier predicate) {
            super("Condition.waitFor");
            this.predicate = predicate;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    return waitUnlessTrue();
                case NOTIFIED:
                    awaited();
                    return waitUnlessTrue();
                default:
                    throw badLabel(label);
            }
        }

        private Object waitUnlessTrue() {
            return predicate.getAsBoolean() ? finish(true) : await(NOTIFIED, Condition.this.await());
        }
    }
}
