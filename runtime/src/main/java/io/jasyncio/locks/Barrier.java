// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import static io.jasyncio.Asyncio.result;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.Locale;

/**
 * A meeting point for a fixed number of tasks, asyncio's {@code Barrier} (new in Python 3.11): each
 * task that calls {@link #await()} waits until {@link #parties()} tasks have, then all of them go on.
 *
 * <p>asyncio's {@code wait()} is {@code await()} here, the name
 * {@link java.util.concurrent.CyclicBarrier#await()} gives the same operation, because
 * {@link Object#wait()} is final; as there, it returns the task's arrival index, from 0 to
 * {@code parties - 1}. The last task to arrive does not suspend. The barrier can be used again once
 * every task of a round has left. {@link #abort()} breaks it and {@link #reset()} sends the waiting
 * tasks away: either way they throw {@link BrokenBarrierException}. Built, as in asyncio, on a
 * {@link Condition}. Loop thread only.
 */
public final class Barrier {
    /** The barrier's phase; its lower-case name is asyncio's. */
    private enum State {
        /** Tasks arrive and wait. */
        FILLING,
        /** The last task arrived; the waiting ones leave, and newcomers wait for them to be gone. */
        DRAINING,
        /** {@link #reset()} was called while tasks waited; they leave with an error. */
        RESETTING,
        /** {@link #abort()} was called: every wait fails until a reset. */
        BROKEN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Guards the state and wakes the tasks when it changes. */
    private final Condition condition = new Condition();

    private final int parties;

    private State state = State.FILLING;

    /** How many tasks are inside {@link #await()}, past the entrance. */
    private int count;

    /** A barrier for {@code parties} tasks; {@link IllegalArgumentException} if fewer than one. */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0: " + parties);
        }
        this.parties = parties;
    }

    /**
     * A coroutine that waits until {@link #parties()} tasks are waiting and returns this task's arrival
     * index, asyncio's {@code wait()}. The last to arrive releases the others and returns without
     * suspending. While the tasks of the last round are still leaving, a newcomer waits for them
     * first. {@link BrokenBarrierException} if the barrier is or becomes broken, or is reset while the
     * task waits; cancelled while waiting, the task leaves the barrier and throws {@link CancelledError}.
     */
    public Coroutine<Integer> await() {
        return condition.withLock(Pass::new);
    }

    /**
     * A coroutine that puts the barrier back in its initial state, asyncio's {@code reset()}: the
     * tasks waiting in it throw {@link BrokenBarrierException}, and a broken barrier works again.
     */
    public Coroutine<Void> reset() {
        return condition.withLock(this::resetHoldingTheLock);
    }

    // Methods, not lambdas: the agent weaves the lambdas that return result(...) of every class it loads.
    private Coroutine<Void> resetHoldingTheLock() {
        if (count > 0) {
            state = State.RESETTING; // the waiting tasks leave with an error; the last one refills
        } else {
            state = State.FILLING;
        }
        condition.signalAll();
        return result(null);
    }

    /**
     * A coroutine that breaks the barrier, asyncio's {@code abort()}: the tasks waiting in it, and every
     * later {@link #await()} until a {@link #reset()}, throw {@link BrokenBarrierException}.
     */
    public Coroutine<Void> abort() {
        return condition.withLock(this::abortHoldingTheLock);
    }

    private Coroutine<Void> abortHoldingTheLock() {
        state = State.BROKEN;
        condition.signalAll();
        return result(null);
    }

    /** How many tasks the barrier waits for, asyncio's {@code parties}. */
    public int parties() {
        return parties;
    }

    /** How many tasks are waiting while the barrier fills, asyncio's {@code n_waiting}. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken, asyncio's {@code broken}. */
    public boolean broken() {
        return state == State.BROKEN;
    }

    /** A task leaves the barrier; the last one out of a drained or reset round lets the barrier fill again. */
    private void leave() {
        count--;
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            condition.signalAll();
        }
    }

    @Override
    public String toString() {
        return "Barrier[" + state + (broken() ? "" : " waiters=" + nWaiting() + "/" + parties) + "]";
    }

    /** The body of {@link #await()}, run with the condition's lock held. */
    private final class Pass extends HandWrittenCoroutine<Integer> {
        private static final int ENTERED = 1;
        private static final int RELEASED = 2;

        /** This task's arrival index. */
        private int index;

        Pass() {
            super("Barrier.await");
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    // Block while the previous round drains or a reset completes.
                    return await(ENTERED, condition.waitFor(() -> state != State.DRAINING && state != State.RESETTING));
                case ENTERED:
                    awaited();
                    if (state == State.BROKEN) {
                        throw new BrokenBarrierException("Barrier aborted");
                    }
                    index = count++;
                    if (index + 1 < parties) {
                        return await(RELEASED, condition.waitFor(() -> state != State.FILLING));
                    }
                    try {
                        state = State.DRAINING; // the last arrival releases the others
                        condition.signalAll();
                    } finally {
                        leave();
                    }
                    return finish(index);
                case RELEASED:
                    try {
                        awaited();
                        if (state == State.BROKEN || state == State.RESETTING) {
                            throw new BrokenBarrierException("Abort or reset of barrier");
                        }
                    } finally {
                        leave();
                    }
                    return finish(index);
                default:
                    throw badLabel(label);
            }
        }
    }
}
