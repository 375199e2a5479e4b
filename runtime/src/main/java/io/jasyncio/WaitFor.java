// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;

/**
 * The coroutine of {@code waitFor(awaitable, timeout)}, asyncio 3.11's {@code wait_for}.
 *
 * <ul>
 *   <li>No timeout ({@code null}): awaits the awaitable inline, a coroutine in the current task.
 *   <li>Otherwise a coroutine is wrapped in a new task, as 3.11 does (3.12 runs it inline instead).
 *       A timeout of zero or less cancels it at once, so a coroutine's body never runs.
 *   <li>On timeout the inner future is cancelled <em>and awaited</em>, so its {@code finally} blocks
 *       have run before {@link TimeoutException} is thrown, with the inner {@link CancelledError} as
 *       its cause. If the inner coroutine swallows the cancellation and returns a value, that value
 *       is returned instead.
 *   <li>If the task awaiting {@code waitFor} is cancelled, the inner future is cancelled and awaited
 *       too, and the {@link CancelledError} propagates; but an inner future that is done already
 *       gives its result, as in 3.11 (cpython#86296).
 * </ul>
 *
 * @param <T> the type of the inner awaitable's result
 */
final class WaitFor<T> extends HandWrittenCoroutine<T> {
    private static final int AWAITED_WITHOUT_TIMEOUT = 1;
    private static final int CANCELLED_AT_ONCE = 2;
    private static final int RELEASED = 3;
    private static final int CANCELLED_ON_CANCELLATION = 4;
    private static final int CANCELLED_ON_TIMEOUT = 5;

    /** What to wait for, until the first step hands it over. */
    private Awaitable<T> awaitable;

    /** Seconds, or {@code null} for no timeout. */
    private final Double timeout;

    /** The future of the awaitable: itself if it is one, else the task that runs it. */
    private Future<T> inner;

    private TimerHandle timeoutHandle;

    /** The done callback of {@link #inner} that releases the waiter. */
    private ReleaseWaiter releaseWhenInnerIsDone;

    /** The cancellation of the awaiting task, rethrown once the inner future has ended. */
    private CancelledError cancellation;

    WaitFor(Awaitable<T> awaitable, Double timeout) {
        this.awaitable = awaitable;
        this.timeout = timeout;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                return start();
            case AWAITED_WITHOUT_TIMEOUT:
                return finish(awaited());
            case CANCELLED_AT_ONCE:
                awaited();
                return finish(resultOrTimeout());
            case RELEASED:
                return released();
            case CANCELLED_ON_CANCELLATION:
                timeoutHandle.cancel();
                awaited();
                throw cancellation;
            case CANCELLED_ON_TIMEOUT:
                timeoutHandle.cancel();
                awaited();
                return finish(resultOrTimeout());
            default:
                throw badLabel(label);
        }
    }

    private Object start() {
        Awaitable<T> target = awaitable;
        awaitable = null;
        if (timeout == null) {
            return await(AWAITED_WITHOUT_TIMEOUT, target);
        }
        EventLoop loop = EventLoop.getRunningLoop();
        if (timeout <= 0) {
            inner = loop.ensureFuture(target);
            if (inner.done()) {
                return finish(inner.result());
            }
            return await(CANCELLED_AT_ONCE, new CancelAndWait(inner));
        }
        Future<Void> waiter = loop.createFuture();
        timeoutHandle = loop.callLater(timeout, new ReleaseWaiter(waiter));
        releaseWhenInnerIsDone = new ReleaseWaiter(waiter);
        inner = loop.ensureFuture(target);
        inner.addDoneCallback(releaseWhenInnerIsDone);
        AwaitedBy.add(inner, loop.currentTask()); // it waits through a callback: tell call graphs
        return await(RELEASED, waiter);
    }

    /** After the waiter was released by the inner future, by the timer, or by a cancellation. */
    private Object released() {
        AwaitedBy.discard(inner, EventLoop.getRunningLoop().currentTask()); // from here on it awaits inner directly
        try {
            awaited();
        } catch (CancelledError cancelled) {
            if (inner.done()) {
                timeoutHandle.cancel();
                return finish(inner.result());
            }
            inner.removeDoneCallback(releaseWhenInnerIsDone);
            cancellation = cancelled;
            return await(CANCELLED_ON_CANCELLATION, new CancelAndWait(inner));
        }
        if (inner.done()) {
            timeoutHandle.cancel();
            return finish(inner.result());
        }
        inner.removeDoneCallback(releaseWhenInnerIsDone);
        return await(CANCELLED_ON_TIMEOUT, new CancelAndWait(inner));
    }

    /** The inner result once it was cancelled: its value if it swallowed the cancellation, else a timeout. */
    private T resultOrTimeout() {
        try {
            return inner.result();
        } catch (CancelledError cancelled) {
            throw TimeoutException.causedBy(cancelled, timeout);
        }
    }

    @Override
    protected String functionName() {
        return "Asyncio.waitFor";
    }
}
