// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gather()}: a future for the results of several awaitables, in argument order, asyncio
 * 3.11's {@code _GatheringFuture}.
 *
 * <p>Coroutines are wrapped in tasks in argument order; an awaitable passed twice runs once and its
 * result appears twice. Without {@code returnExceptions} the first failure (or a cancelled child)
 * finishes the gather at once, and the other children keep running. Cancelling the gather cancels
 * every child, and the gather then finishes with {@link CancelledError} once all of them have ended.
 */
final class Gather<T> extends Future<List<T>> {
    private final List<Future<? extends T>> children;
    private final boolean returnExceptions;

    /**
     * How many of the gather's done callbacks ran: one per argument, so a future passed twice counts
     * twice. Its two callbacks are registered one after the other and run one after the other, so the
     * gather still ends where asyncio's one callback per distinct future ends it.
     */
    private int finishedChildren;

    /**
     * The children whose done callback is in the ready queue, in the order the callbacks were
     * scheduled. The gather itself is the ready entry of each such callback, so a finished child
     * costs no handle; entries run in FIFO order, so each takes the oldest. A child that failed or
     * was cancelled is there itself; children with a result stand there as a {@link Successes} run,
     * since their callback only counts: a gather of a million children that all succeed keeps one
     * counter here instead of a million slots, which the collector would have to copy or scan.
     */
    private ArrayDeque<Object> childrenDoneSoon;

    /** Children with a result, one after another in {@link #childrenDoneSoon}: how many. */
    private static final class Successes {
        int count;
    }

    /** Whether {@link #cancel(String)} cancelled at least one child. */
    private boolean cancelRequested;

    private Gather(EventLoop loop, List<Future<? extends T>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
    }

    static <T> Future<List<T>> of(List<? extends Awaitable<? extends T>> awaitables, boolean returnExceptions) {
        if (awaitables.isEmpty()) {
            Future<List<T>> empty = EventLoop.getRunningLoop().createFuture();
            empty.setResult(new ArrayList<>());
            return empty;
        }
        // Only coroutines need de-duplicating (one task each); a future passed twice is the same child.
        Map<Awaitable<?>, Future<? extends T>> taskOfCoroutine = null;
        List<Future<? extends T>> children = new ArrayList<>(awaitables.size());
        EventLoop loop = null;
        for (Awaitable<? extends T> awaitable : awaitables) {
            Future<? extends T> child;
            if (awaitable instanceof Future<? extends T> future && (loop == null || future.loop == loop)) {
                child = future;
            } else {
                if (taskOfCoroutine == null) {
                    taskOfCoroutine = new IdentityHashMap<>();
                }
                child = taskOfCoroutine.get(awaitable);
                if (child == null) {
                    child = loop == null ? ensureFutureOnRunningLoop(awaitable) : loop.ensureFuture(awaitable);
                    if (child instanceof Task<?> task) {
                        task.doNotReportIfDestroyed(); // as asyncio's gather does for the tasks it makes
                    }
                    taskOfCoroutine.put(awaitable, child);
                }
            }
            loop = child.loop;
            children.add(child);
        }
        Gather<T> outer = new Gather<>(loop, children, returnExceptions);
        for (Future<? extends T> child : children) {
            child.addWaiter(outer);
        }
        return outer;
    }

    private static <T> Future<T> ensureFutureOnRunningLoop(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            return future;
        }
        return EventLoop.getRunningLoop().ensureFuture(awaitable);
    }

    /** Schedules this gather's done callback for {@code child}, which is done, asyncio's {@code call_soon}. */
    @Override
    void awaitedDone(Future<?> child) {
        loop.checkThreadInDebugMode();
        if (childrenDoneSoon == null) {
            childrenDoneSoon = new ArrayDeque<>();
        }
        if (child.failed() || child.cancelled()) {
            childrenDoneSoon.addLast(child);
        } else if (childrenDoneSoon.peekLast() instanceof Successes run) {
            run.count++;
        } else {
            Successes run = new Successes();
            run.count = 1;
            childrenDoneSoon.addLast(run);
        }
        loop.scheduleTurn(this);
    }

    /** Runs the done callback that the loop reached in its ready queue: the oldest scheduled one. */
    @Override
    void runTurn(CurrentContext current) {
        current.owner = this;
        current.context = ContextMap.EMPTY;
        Object next = childrenDoneSoon.peekFirst();
        if (next instanceof Successes run) {
            if (--run.count == 0) {
                childrenDoneSoon.pollFirst();
            }
            childDone(null);
        } else {
            childDone((Future<?>) childrenDoneSoon.pollFirst());
        }
    }

    @Override
    String describeTurn() {
        return "gather's done callback";
    }

    /**
     * A child's done callback: counts it, and ends the gather on the first failure or the last child.
     * {@code unsuccessful} is the child if it failed or was cancelled, {@code null} if it has a result.
     */
    private void childDone(Future<?> unsuccessful) {
        finishedChildren++;
        if (done()) {
            if (unsuccessful != null && !unsuccessful.cancelled()) {
                unsuccessful.exception(); // retrieved: the gather's awaiter has seen an outcome already
            }
            return;
        }
        if (unsuccessful != null && !returnExceptions) {
            if (unsuccessful.cancelled()) {
                setException(unsuccessful.makeCancelledError());
            } else {
                setException(unsuccessful.exceptionNow());
            }
            return;
        }
        if (finishedChildren == children.size()) {
            List<T> results = new ArrayList<>(children.size());
            for (Future<? extends T> each : children) {
                results.add(outcomeOf(each));
            }
            if (cancelRequested) {
                // asyncio 3.11 takes the error of the last child in argument order (the loop variable
                // of its results loop), not of the child that finished last.
                setException(children.get(children.size() - 1).makeCancelledError());
            } else {
                setResult(results);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private T outcomeOf(Future<? extends T> child) {
        if (child.cancelled()) {
            return (T) new CancelledError(child.cancelMessage() == null ? "" : child.cancelMessage());
        }
        Throwable failure = child.exception();
        return failure != null ? (T) failure : child.resultNow();
    }

    /** Cancels every child; {@code true} if any was cancelled. The gather ends when they all have. */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean cancelledAny = false;
        for (Future<? extends T> child : children) {
            if (child.cancel(message)) {
                cancelledAny = true;
            }
        }
        if (cancelledAny) {
            cancelRequested = true;
        }
        return cancelledAny;
    }
}
