// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.function.Consumer;

/**
 * {@code shield(awaitable)}, asyncio's {@code shield}: a future that mirrors an inner one but whose
 * cancellation does not reach it.
 *
 * <p>The inner future is the awaitable itself, or a task for a coroutine. Cancelling the outer future
 * (as cancelling the task that awaits it does) leaves the inner one running, and the awaiting task
 * gets {@link CancelledError} at once. Cancelling the inner one cancels the outer one.
 *
 * @param <T> the type of the result
 */
final class Shield<T> {
    private final Future<T> inner;
    private final Future<T> outer;

    /** The done callback of the inner future, removed from it if the outer one ends first. */
    private final Consumer<Future<T>> onInnerDone = this::innerDone;

    private Shield(Future<T> inner) {
        this.inner = inner;
        this.outer = inner.getLoop().createFuture();
        inner.addDoneCallback(onInnerDone);
        outer.addDoneCallback(this::outerDone);
    }

    /** The shielded future of {@code awaitable}: the inner future itself if it is done already. */
    static <T> Future<T> of(Awaitable<T> awaitable) {
        Future<T> inner = Asyncio.ensureFuture(awaitable);
        if (inner.done()) {
            return inner;
        }
        return new Shield<>(inner).outer;
    }

    private void innerDone(Future<T> done) {
        if (outer.cancelled()) {
            if (!inner.cancelled()) {
                inner.exception(); // retrieved: nobody else will read it
            }
            return;
        }
        if (inner.cancelled()) {
            outer.cancel();
        } else if (inner.exception() != null) {
            outer.setException(inner.exception());
        } else {
            outer.setResult(inner.result());
        }
    }

    private void outerDone(Future<T> done) {
        if (!inner.done()) {
            inner.removeDoneCallback(onInnerDone);
        }
    }
}
