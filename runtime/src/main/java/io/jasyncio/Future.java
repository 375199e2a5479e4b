// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A one-shot result cell bound to an event loop, asyncio's {@code Future}.
 *
 * <p>A future starts pending and ends exactly once: with a result, with an exception, or cancelled.
 * Unlike {@link java.util.concurrent.CompletableFuture}, done callbacks never run inline: completing a
 * future schedules each of them with {@code callSoon}, in registration order. There is no blocking
 * {@code get()}: awaiting a future suspends the awaiting task, not the thread. Not thread-safe: use
 * it from its loop's thread only.
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> implements Awaitable<T> {
    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte FAILED = 2;
    private static final byte CANCELLED = 3;

    /** The loop that runs this future's callbacks. */
    final EventLoop loop;

    private byte state = PENDING;

    /**
     * What the future ended with, one field for every state so that a future stays small: the result
     * ({@code FINISHED}); the exception, the same object rethrown every time ({@code FAILED}); or
     * ({@code CANCELLED}) the message given to {@code cancel(msg)}, {@code null} for none, or the
     * error a cancelled task's coroutine ended with, handed to the first reader so that the message
     * and stack of the original cancellation survive.
     */
    private Object outcome;

    /**
     * While pending, the done callbacks in registration order: {@code null}, one callback, or a
     * {@link CallbackList} of them. Each is a {@code Consumer}, or a future that is its own callback (see
     * {@link #addWaiter}). One waiter is the common case, so it needs no list. Once done, the callbacks are
     * scheduled and the field is free: a failed future keeps there the {@link NeverRetrievedReport} to
     * make if its exception is never retrieved, asyncio's {@code _log_traceback}, until it is read or
     * the future is cancelled. One field for both keeps every future and task smaller.
     */
    private Object callbacks;

    /** Creates a pending future bound to {@code loop}; {@code loop.createFuture()} does the same. */
    public Future(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop this future is bound to. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Whether the future is done: finished with a result or an exception, or cancelled. */
    public boolean done() {
        return state != PENDING;
    }

    /** Whether the future was cancelled. */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result: the value if finished, the exception rethrown as it was set if it failed,
     * {@link CancelledError} if cancelled, {@link InvalidStateException} if still pending.
     */
    @SuppressWarnings("unchecked")
    public T result() {
        switch (state) {
            case FINISHED:
                return (T) outcome;
            case FAILED:
                markExceptionRetrieved();
                throw Throwables.sneakyThrow((Throwable) outcome);
            case CANCELLED:
                throw makeCancelledError();
            default:
                throw new InvalidStateException("Result is not ready.");
        }
    }

    /**
     * The exception the future failed with, or {@code null} if it has a result;
     * {@link CancelledError} if cancelled, {@link InvalidStateException} if still pending.
     */
    public Throwable exception() {
        switch (state) {
            case FINISHED:
                return null;
            case FAILED:
                markExceptionRetrieved();
                return (Throwable) outcome;
            case CANCELLED:
                throw makeCancelledError();
            default:
                throw new InvalidStateException("Exception is not set.");
        }
    }

    /** Finishes the future with a result and schedules its callbacks; {@link InvalidStateException} if done. */
    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateException("invalid state: " + this);
        }
        finishWithResult(value);
    }

    /** Finishes the future with an exception and schedules its callbacks; {@link InvalidStateException} if done. */
    public void setException(Throwable exception) {
        if (state != PENDING) {
            throw new InvalidStateException("invalid state: " + this);
        }
        if (exception == null) {
            throw new NullPointerException("exception");
        }
        finishWithException(exception);
    }

    /** Cancels the future without a message; see {@link #cancel(String)}. */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future: if it is pending it becomes cancelled, its callbacks are scheduled and
     * {@code true} is returned; if it is already done nothing changes and {@code false} is returned.
     * The message is carried by the {@link CancelledError} that awaiting it throws.
     */
    public boolean cancel(String message) {
        markExceptionRetrieved();
        if (state != PENDING) {
            return false;
        }
        finishCancelled(null, message);
        return true;
    }

    /**
     * Adds a callback to run, through {@code callSoon}, when the future is done; if it is done already,
     * schedules the callback now. Callbacks run in registration order and receive this future.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        ContextMap context = loop.captureContext();
        register(context == ContextMap.EMPTY ? callback : new CallbackInContext(callback, context));
    }

    /**
     * Like {@link #addDoneCallback(Consumer)}, running the callback in {@code context} (in a copy of
     * the current one if {@code null}), asyncio's {@code add_done_callback(fn, context=ctx)}.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        if (context == null) {
            addDoneCallback(callback);
            return;
        }
        register(new CallbackInContext(Objects.requireNonNull(callback, "callback"), context));
    }

    private void register(Object registered) {
        if (state != PENDING) {
            scheduleCallback(registered);
        } else {
            addCallback(registered);
        }
    }

    /** Removes every registration of {@code callback} and returns how many there were. */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (state != PENDING || callbacks == null) {
            return 0; // a done future has scheduled its callbacks already, as asyncio clears its list
        }
        if (callbacks instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(registered -> CallbackInContext.unwrap(registered).equals(callback));
            return before - list.size();
        }
        if (CallbackInContext.unwrap(callbacks).equals(callback)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    /**
     * Registers {@code waiter}, a future that is its own done callback (a {@link Task} waiting on this
     * one, a {@link Gather} counting it), as {@link #addDoneCallback} would register a callback but
     * without a context: when this future is done, {@link #awaitedDone} tells the waiter.
     */
    final void addWaiter(Future<?> waiter) {
        if (state != PENDING) {
            scheduleCallback(waiter);
        } else {
            addCallback(waiter);
        }
    }

    /** Gives {@code action} each future registered with {@link #addWaiter} while this one is pending, in order. */
    final void forEachWaiter(Consumer<Future<?>> action) {
        if (state != PENDING) {
            return;
        }
        if (callbacks instanceof CallbackList list) {
            for (Object callback : list) {
                if (callback instanceof Future<?> waiter) {
                    action.accept(waiter);
                }
            }
        } else if (callbacks instanceof Future<?> waiter) {
            action.accept(waiter);
        }
    }

    /** Removes {@code waiter}, registered with {@link #addWaiter}, from the callbacks of this pending future. */
    final void removeWaiter(Future<?> waiter) {
        if (callbacks == waiter) {
            callbacks = null;
        } else if (callbacks instanceof CallbackList list) {
            list.removeIf(registered -> registered == waiter);
        }
    }

    // A task or a gather is its own done callback and its own ready-queue entry, so that waking a task
    // or counting a gather's child needs no handle. These are their parts; other futures have none.

    /** Told that {@code done}, which this future waits on, is done: schedules the turn that reads it. */
    void awaitedDone(Future<?> done) {
        throw new UnsupportedOperationException(this + " waits on no future");
    }

    /**
     * Runs this future's turn in the ready queue (a task's step, a gather's oldest done callback) in
     * its own context, which it puts in {@code current}, owner included; the loop restores the
     * thread's context afterwards and handles what the turn throws.
     */
    void runTurn(CurrentContext current) {
        throw new UnsupportedOperationException(this + " takes no turn in the ready queue");
    }

    /** What this future's turn runs, for messages. */
    String describeTurn() {
        return toString();
    }

    private void addCallback(Object callback) {
        if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof CallbackList list) {
            list.add(callback);
        } else {
            CallbackList list = new CallbackList();
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    private void scheduleCallbacks() {
        Object registered = callbacks;
        callbacks = null;
        if (registered instanceof CallbackList list) {
            for (Object callback : list) {
                scheduleCallback(callback);
            }
        } else if (registered != null) {
            scheduleCallback(registered);
        }
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallback(Object callback) {
        if (callback instanceof Future<?> waiter) {
            waiter.awaitedDone(this);
        } else if (callback instanceof CallbackInContext inContext) {
            Consumer<? super Future<T>> consumer = (Consumer<? super Future<T>>) inContext.callback();
            if (inContext.context() instanceof Context given) {
                loop.callSoon(new DoneCallback<Future<T>>(done -> given.run(() -> consumer.accept(done)), this, ContextMap.EMPTY));
            } else {
                loop.callSoon(new DoneCallback<>(consumer, this, (ContextMap) inContext.context()));
            }
        } else {
            Consumer<? super Future<T>> consumer = (Consumer<? super Future<T>>) callback;
            loop.callSoon(new DoneCallback<>(consumer, this, ContextMap.EMPTY));
        }
    }

    /** Finishes the future, bypassing the checks that subclasses such as {@link Task} add. */
    final void finishWithResult(T value) {
        outcome = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /** Finishes the future with an exception, bypassing subclass checks. */
    final void finishWithException(Throwable failure) {
        outcome = failure;
        state = FAILED;
        scheduleCallbacks();
        callbacks = NeverRetrievedReport.register(this, failure);
    }

    /**
     * Notes that the exception was retrieved, asyncio's clearing of {@code _log_traceback}: it will not
     * be reported as never retrieved.
     */
    final void markExceptionRetrieved() {
        if (state == FAILED && callbacks instanceof NeverRetrievedReport report) {
            callbacks = null;
            report.retrieved();
        }
    }

    /**
     * A {@link CompletableFuture} that completes as this future ends, so that plain Java code, in any
     * thread, can wait for it ({@code join()}, {@code get()}) or chain work to it: with the result,
     * with the exception as {@link CompletableFuture#completeExceptionally} takes it (so {@code get()}
     * wraps it in an {@code ExecutionException}, as every {@code CompletableFuture} does), or
     * cancelled. It is completed on the loop's thread, so stages chained to it without an executor
     * run there. Cancelling it cancels this future in a later iteration. Call this from the loop's
     * thread; each call returns a new one.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return CompletionStages.toCompletableFuture(this);
    }

    /** Cancels the future on behalf of a task whose coroutine ended with {@code error}. */
    final void finishCancelled(CancelledError error, String message) {
        outcome = error != null ? error : message;
        state = CANCELLED;
        scheduleCallbacks();
    }

    /** Whether the future finished with an exception (cancelled futures excluded). */
    final boolean failed() {
        return state == FAILED;
    }

    /** The result without checks, for code that has seen the future finish without an exception. */
    @SuppressWarnings("unchecked")
    final T resultNow() {
        return (T) outcome;
    }

    /** The exception without checks, for code that has seen {@link #failed()}; the exception counts as retrieved. */
    final Throwable exceptionNow() {
        markExceptionRetrieved();
        return (Throwable) outcome;
    }

    /** The message given to {@code cancel(msg)}, for tasks that forward it. */
    final String cancelMessage() {
        return state == CANCELLED && outcome instanceof String message ? message : null;
    }

    /** The error that awaiting this cancelled future throws: the original one for a task, once. */
    final CancelledError makeCancelledError() {
        if (state == CANCELLED && outcome instanceof CancelledError error) {
            outcome = null; // later readers get a new error without message, as in 3.11
            return error;
        }
        return new CancelledError(cancelMessage());
    }

    /** The state as asyncio's repr writes it: {@code pending}, {@code cancelled}, {@code finished ...}. */
    String describeState() {
        switch (state) {
            case PENDING:
                return "pending";
            case CANCELLED:
                return "cancelled";
            default:
                return (state == FAILED ? "finished exception=" : "finished result=") + outcome;
        }
    }

    @Override
    public String toString() {
        return "Future[" + describeState() + "]";
    }

    /** The list form of {@link #callbacks}; its own type so that a single callback is never mistaken for it. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A done callback added while a context other than the empty one was current, to run in that
     * context (a {@link ContextMap}), or added with a {@link Context}, to run in that object.
     */
    private record CallbackInContext(Consumer<?> callback, Object context) {
        /** The callback that was added, whether it was registered with its context or alone. */
        static Object unwrap(Object registered) {
            return registered instanceof CallbackInContext inContext ? inContext.callback() : registered;
        }
    }

    /** A done callback scheduled with its future as the argument: the handle and the call in one object. */
    private static final class DoneCallback<F> extends Handle {
        private final Consumer<? super F> callback;
        private final F future;

        DoneCallback(Consumer<? super F> callback, F future, ContextMap context) {
            super(null, context);
            this.callback = callback;
            this.future = future;
        }

        @Override
        void run() {
            callback.accept(future);
        }

        @Override
        String describeCallback() {
            return callback.toString();
        }
    }
}
