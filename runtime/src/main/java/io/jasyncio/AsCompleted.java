// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.Waiters;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code asCompleted(awaitables, timeout)} returns, asyncio's {@code as_completed}: iterated,
 * as in 3.11, as many coroutines as there are distinct awaitables, each of which returns the result of
 * the next one to complete (or throws its exception), in completion order; iterated asynchronously,
 * as in 3.13's {@code async for}, the original futures and tasks themselves (a task for each
 * coroutine) in completion order:
 * <pre>{@code
 * for (var done = asCompleted(tasks, null); await(done.hasNext()); ) {
 *     Task<String> first = (Task<String>) done.next();   // one of tasks, done
 * }
 * }</pre>
 *
 * <p>Coroutines among the awaitables are wrapped in tasks when {@code asCompleted} is called. The
 * futures that complete go into a queue with {@code asyncio.Queue}'s wake-up rules, from which each
 * coroutine takes one when awaited, so the coroutines may be awaited in any order. At the timeout
 * the remaining coroutines throw {@link TimeoutException}; the futures still pending are not
 * cancelled (asynchronously, {@code hasNext()} throws {@link TimeoutException}). Iterable once, like
 * the generator it stands for, and one way or the other. Loop thread only.
 *
 * @param <T> the type of the results
 */
public final class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterator<Future<? extends T>> {
    /** Queued in place of a future when the timeout passes: the coroutine that takes it times out. */
    private static final Object TIMED_OUT = new Object();

    /** The futures that have not completed, as long as the timeout has not passed. */
    private final Set<Future<? extends T>> todo = new LinkedHashSet<>();

    /** Completed futures and {@link #TIMED_OUT} markers, in order, not yet taken by a coroutine. */
    private final ArrayDeque<Object> completed = new ArrayDeque<>();

    /** The coroutines waiting for {@link #completed} to be non-empty. */
    private final Waiters<Void> takers = new Waiters<>(new LoopBinding(this));

    /** The done callback of every future, asyncio's {@code _on_completion}. */
    private final Consumer<Future<?>> onCompletion = this::onCompletion;

    private TimerHandle timeoutHandle;

    /** How many coroutines the iterator still hands out. */
    private int coroutinesLeft;

    private boolean iterated;

    /** Whether the iteration is the asynchronous one, by {@link #hasNext()}. */
    private boolean iteratedAsynchronously;

    /** The completed future that the last {@code hasNext()} took, until {@link #next()} hands it out. */
    private Future<? extends T> ready;

    AsCompleted(Collection<? extends Awaitable<? extends T>> awaitables, Double timeout) {
        EventLoop loop = EventLoop.getRunningLoop();
        for (Awaitable<? extends T> awaitable : new LinkedHashSet<>(awaitables)) {
            todo.add(loop.ensureFuture(awaitable));
        }
        for (Future<? extends T> future : todo) {
            future.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle = loop.callLater(timeout, this::onTimeout);
        }
        coroutinesLeft = todo.size();
    }

    private void onTimeout() {
        for (Future<? extends T> future : todo) {
            future.removeDoneCallback(onCompletion);
            put(TIMED_OUT);
        }
        todo.clear();
    }

    private void onCompletion(Future<?> future) {
        if (todo.isEmpty()) {
            return; // the timeout came first
        }
        todo.remove(future);
        put(future);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    /** asyncio's {@code Queue.put_nowait}: queues {@code item} and wakes the first waiting coroutine. */
    private void put(Object item) {
        completed.addLast(item);
        takers.removeAndWakeUpNext(null);
    }

    @Override
    public Iterator<Coroutine<T>> iterator() {
        checkFirstIteration();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return coroutinesLeft > 0;
            }

            @Override
            public Coroutine<T> next() {
                if (coroutinesLeft == 0) {
                    throw new NoSuchElementException();
                }
                coroutinesLeft--;
                return new WaitForOne<>(false);
            }
        };
    }

    private void checkFirstIteration() {
        if (iterated) {
            throw new IllegalStateException("asCompleted() can be iterated only once");
        }
        iterated = true;
    }

    /**
     * Waits for the next future to complete, 3.13's {@code __anext__}: {@code true} once it has, for
     * {@link #next()} to take, {@code false} when every future was handed out; throws
     * {@link TimeoutException} once the timeout has passed.
     */
    @Override
    public Awaitable<Boolean> hasNext() {
        if (ready != null) {
            return Asyncio.result(true);
        }
        if (!iteratedAsynchronously) {
            checkFirstIteration();
            iteratedAsynchronously = true;
        }
        if (coroutinesLeft == 0) {
            return Asyncio.result(false);
        }
        coroutinesLeft--;
        return new WaitForOne<Boolean>(true);
    }

    /** The future that {@link #hasNext()} found completed: one of the awaitables, or the task of a coroutine among them. */
    @Override
    public Future<? extends T> next() {
        Future<? extends T> future = ready;
        if (future == null) {
            throw new NoSuchElementException("no future ready: await hasNext() first, and take each future once");
        }
        ready = null;
        return future;
    }

    /**
     * asyncio's {@code _wait_for_one()}: takes the next completed future and returns its result, or,
     * for {@link #hasNext()}, makes it the one {@link #next()} hands out and returns {@code true}.
     */
    private final class WaitForOne<R> extends HandWrittenCoroutine<R> {
        private static final int WOKEN = 1;

        /** Whether the future itself is wanted, by async iteration, rather than its result. */
        private final boolean wantsFuture;

        private Future<Void> taker;

        WaitForOne(boolean wantsFuture) {
            this.wantsFuture = wantsFuture;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    return take();
                case WOKEN:
                    try {
                        awaited();
                    } catch (Throwable failure) {
                        // asyncio.Queue.get: leave the queue, and pass on a wake-up this one cannot use.
                        taker.cancel();
                        takers.remove(taker);
                        if (!completed.isEmpty() && !taker.cancelled()) {
                            takers.removeAndWakeUpNext(null);
                        }
                        throw failure;
                    }
                    return take();
                default:
                    throw badLabel(label);
            }
        }

        @SuppressWarnings("unchecked")
        private Object take() {
            if (completed.isEmpty()) { // a wake-up does not reserve an item: wait again if it is gone
                taker = takers.add();
                return await(WOKEN, taker);
            }
            Object item = completed.pollFirst();
            if (item == TIMED_OUT) {
                throw new TimeoutException();
            }
            if (wantsFuture) {
                ready = (Future<? extends T>) item;
                return finish((R) Boolean.TRUE);
            }
            return finish((R) ((Future<T>) item).result());
        }

        @Override
        protected String functionName() {
            return "Asyncio.asCompleted";
        }
    }
}
