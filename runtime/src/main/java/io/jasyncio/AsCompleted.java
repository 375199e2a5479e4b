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
 * {@code asCompleted(awaitables, timeout)}, asyncio 3.11's {@code as_completed}: as many coroutines as
 * there are distinct awaitables, each of which returns the result of the next one to complete (or
 * throws its exception), in completion order.
 *
 * <p>Coroutines among the awaitables are wrapped in tasks when {@code asCompleted} is called. The
 * futures that complete go into a queue with {@code asyncio.Queue}'s wake-up rules, from which each
 * coroutine takes one when awaited, so the coroutines may be awaited in any order. At the timeout
 * the remaining coroutines throw {@link TimeoutException}; the futures still pending are not
 * cancelled. Iterable once, like the generator it stands for. Loop thread only.
 *
 * @param <T> the type of the results
 */
final class AsCompleted<T> implements Iterable<Coroutine<T>> {
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
        if (iterated) {
            throw new IllegalStateException("asCompleted() can be iterated only once");
        }
        iterated = true;
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
                return new WaitForOne();
            }
        };
    }

    /** asyncio's {@code _wait_for_one()}: takes the next completed future and returns its result. */
    private final class WaitForOne extends HandWrittenCoroutine<T> {
        private static final int WOKEN = 1;

        private Future<Void> taker;

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
            return finish(((Future<T>) item).result());
        }

        @Override
        protected String functionName() {
            return "Asyncio.asCompleted";
        }
    }
}
