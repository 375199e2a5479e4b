// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The bridges between the loop's futures and Java's {@link CompletionStage}s, asyncio's
 * {@code wrap_future} and {@code _chain_future}.
 *
 * <p>Outcomes cross as they were thrown: the {@link CompletionException} or
 * {@link ExecutionException} that Java wraps around a stage's exception is removed on the way in,
 * and a {@link CancellationException} becomes a cancellation. Cancelling either side cancels the
 * other, as asyncio cancels the concurrent future of a cancelled asyncio future.
 */
final class CompletionStages {
    private CompletionStages() {
    }

    /**
     * A future of {@code loop} that ends as {@code stage} does, asyncio's {@code wrap_future}: the
     * outcome is copied on the loop's thread through {@code callSoonThreadsafe}, so the future is done
     * one iteration after the stage at the earliest. Cancelling the future cancels the stage in the
     * iteration after, from a done callback; a job that a worker thread has started meanwhile runs on.
     */
    static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = loop.createFuture();
        Clock clock = loop.clock;
        clock.outsideWorkStarted(); // virtual time waits for the result at real speed (see FakeClock)
        future.addDoneCallback(done -> {
            clock.outsideWorkEnded();
            if (done.cancelled()) {
                cancel(stage);
            }
        });
        stage.whenComplete((value, failure) -> {
            if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> copyOutcome(value, failure, future));
                } catch (IllegalStateException closedMeanwhile) {
                    // nobody can await the future of a closed loop
                }
            }
        });
        return future;
    }

    /**
     * A {@link CompletableFuture} completed from the loop's thread when {@code future} is done, with
     * its result, its exception (as {@link CompletableFuture#completeExceptionally} takes it), or
     * cancelled. Cancelling the completable future cancels {@code future} through
     * {@code callSoonThreadsafe}. Loop thread only.
     */
    static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        CompletableFuture<T> completable = new CompletableFuture<>();
        chain(future, completable);
        return completable;
    }

    /**
     * Completes {@code destination} as {@code source} ends, and cancels {@code source} when
     * {@code destination} is cancelled: at once if that happens on the source's loop (a destination
     * cancelled before the chain was made), else through {@code callSoonThreadsafe}.
     */
    static <T> void chain(Future<T> source, CompletableFuture<T> destination) {
        source.addDoneCallback(done -> {
            if (done.cancelled()) {
                destination.cancel(false);
            } else if (done.failed()) {
                destination.completeExceptionally(done.exceptionNow());
            } else {
                destination.complete(done.resultNow());
            }
        });
        destination.whenComplete((value, failure) -> {
            if (!destination.isCancelled()) {
                return;
            }
            if (EventLoop.runningLoopOrNull() == source.loop) {
                // cancelled before the chain was made: the source ends before its first step, as in asyncio
                source.cancel();
            } else if (!source.loop.isClosed()) {
                try {
                    source.loop.callSoonThreadsafe(source::cancel);
                } catch (IllegalStateException closedMeanwhile) {
                    // nothing is left to cancel in a closed loop
                }
            }
        });
    }

    /**
     * The outcome of a stage that is done, for an {@code await} that continues without suspending:
     * its value, or its exception thrown as it was thrown, or {@link CancelledError}.
     */
    static Object doneResult(CompletableFuture<?> stage) {
        try {
            return stage.join();
        } catch (CompletionException | CancellationException failure) {
            throw Throwables.sneakyThrow(asThrown(failure));
        }
    }

    /**
     * Whether {@code stage} is done. A {@link CompletableFuture#minimalCompletionStage()} answers
     * nothing but its {@link CompletionStage} methods, so it counts as not done and is awaited through
     * {@link #wrap}.
     */
    static boolean isDone(CompletableFuture<?> stage) {
        try {
            return stage.isDone();
        } catch (UnsupportedOperationException minimalStage) {
            return false;
        }
    }

    private static <T> void copyOutcome(T value, Throwable failure, Future<T> future) {
        if (future.cancelled()) {
            return;
        }
        if (failure == null) {
            future.setResult(value);
            return;
        }
        Throwable thrown = asThrown(failure);
        if (thrown instanceof CancelledError) {
            future.cancel(thrown.getMessage());
        } else {
            future.setException(thrown);
        }
    }

    /**
     * The exception as the code that failed threw it: without Java's {@link CompletionException} and
     * {@link ExecutionException} wrappers, and a {@link CancellationException} as asyncio's
     * {@link CancelledError}, as asyncio converts {@code concurrent.futures.CancelledError}.
     */
    static Throwable asThrown(Throwable failure) {
        Throwable thrown = failure;
        while ((thrown instanceof CompletionException || thrown instanceof ExecutionException)
                && thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        if (thrown instanceof CancellationException cancellation) {
            CancelledError error = new CancelledError(cancellation.getMessage());
            error.initCause(cancellation);
            return error;
        }
        return thrown;
    }

    private static void cancel(CompletionStage<?> stage) {
        if (stage instanceof java.util.concurrent.Future<?> cancellable) {
            try {
                cancellable.cancel(false);
            } catch (UnsupportedOperationException minimalStage) {
                // a minimal stage cannot be cancelled through itself
            }
        }
    }
}
