// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The coroutine of {@code wait(futures, timeout, returnWhen)}, asyncio's {@code wait}: waits until
 * the condition of {@link ReturnWhen} holds or the timeout passes, then returns the done and pending
 * futures. It never throws the futures' exceptions and never cancels anything: not on timeout, and
 * not when the waiting task is cancelled.
 *
 * <p>Like asyncio's, it always waits on a future of its own, so even when every future is done
 * already it returns only after their done callbacks have run, in a later iteration.
 *
 * @param <F> the type of the futures
 */
final class Wait<F extends Future<?>> extends HandWrittenCoroutine<DoneAndPending<F>> {
    private static final int RELEASED = 1;

    /** The futures as given, until the first step copies them. */
    private Collection<F> given;

    private final Double timeout;
    private final ReturnWhen returnWhen;

    /** The distinct futures, in the order given. */
    private Set<F> futures;

    private Future<Void> waiter;
    private TimerHandle timeoutHandle;

    /** How many futures are not done yet. */
    private int pendingCount;

    /** The done callback of every future, asyncio's {@code _on_completion}. */
    private final Consumer<Future<?>> onCompletion = this::onCompletion;

    Wait(Collection<F> futures, Double timeout, ReturnWhen returnWhen) {
        this.given = futures;
        this.timeout = timeout;
        this.returnWhen = returnWhen;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                futures = new LinkedHashSet<>(given);
                given = null;
                if (futures.isEmpty()) {
                    throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
                }
                EventLoop loop = EventLoop.getRunningLoop();
                waiter = loop.createFuture();
                if (timeout != null) {
                    timeoutHandle = loop.callLater(timeout, new ReleaseWaiter(waiter));
                }
                pendingCount = futures.size();
                for (F future : futures) {
                    future.addDoneCallback(onCompletion);
                }
                return await(RELEASED, waiter);
            case RELEASED:
                try {
                    awaited();
                } finally {
                    cancelTimeout();
                    for (F future : futures) {
                        future.removeDoneCallback(onCompletion);
                    }
                }
                Set<F> done = new LinkedHashSet<>();
                Set<F> pending = new LinkedHashSet<>();
                for (F future : futures) {
                    (future.done() ? done : pending).add(future);
                }
                return finish(new DoneAndPending<>(done, pending));
            default:
                throw badLabel(label);
        }
    }

    private void onCompletion(Future<?> future) {
        pendingCount--;
        if (pendingCount <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && failedWithException(future))) {
            cancelTimeout();
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /** Whether {@code future} failed; reading its exception marks it retrieved, as in asyncio. */
    private static boolean failedWithException(Future<?> future) {
        return !future.cancelled() && future.exception() != null;
    }

    private void cancelTimeout() {
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    @Override
    protected String functionName() {
        return "Asyncio.wait";
    }
}
