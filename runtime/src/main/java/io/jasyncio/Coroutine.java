// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.CoroutineRuntime;
import io.jasyncio.internal.WovenCode;

/**
 * A coroutine: what calling an {@code @Async} method returns, asyncio's coroutine object.
 *
 * <p>A coroutine is lazy: creating it runs nothing. It runs when awaited, inline in the awaiting
 * task ({@code await(coro)}), or when wrapped in a task ({@code createTask(coro)}). It can be
 * awaited or wrapped once; a second use throws {@link IllegalStateException}, as Python raises
 * "cannot reuse already awaited coroutine".
 *
 * <p>The weaver turns each {@code @Async} method into a subclass of this class, the method's
 * <em>frame</em>, that holds the arguments, the resume point and the values that live across each
 * await. See {@link io.jasyncio.internal.WovenCode} for the contract between woven code and the
 * runtime.
 *
 * @param <T> the type of the value the coroutine returns
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
    static {
        CoroutineRuntime.install(new WovenCodeSupport());
    }

    /** The task that drives this coroutine; {@code null} until it is first awaited or wrapped. */
    Task<?> task;

    /**
     * The coroutine suspended in {@code await(this)}, resumed with this one's outcome when it ends;
     * {@code null} for a task's own coroutine, whose outcome completes the task.
     */
    Coroutine<?> caller;


    /** For subclasses: the weaver's frame classes and the runtime's own coroutines. */
    protected Coroutine() {
        if (NeverAwaitedReport.tracking) { // debug mode: watch for "coroutine ... was never awaited"
            NeverAwaitedReport.track(this);
        }
    }

    /**
     * Runs the body from its current resume point until it returns or suspends. Returns
     * {@link WovenCode#SUSPENDED} when it suspended, {@code this} when it returned the value that
     * {@link #complete} handed to its task, {@code null} when it returned {@code null}, or another coroutine whose
     * outcome becomes this one's ({@code return other();}). Throws what the body throws.
     */
    protected abstract Object resume();

    /** Binds this new coroutine to the task that will drive it and to the coroutine that awaits it. */
    final void claim(Task<?> driver, Coroutine<?> awaiter) {
        if (task != null) {
            // asyncio's exact message; which coroutine it was goes in the cause, as Python's traceback shows the line
            throw new IllegalStateException("cannot reuse already awaited coroutine",
                    new IllegalStateException(this + " was awaited or wrapped in a task before"));
        }
        task = driver;
        caller = awaiter;
        if (NeverAwaitedReport.claimsWatched) {
            NeverAwaitedReport.claimed(this);
        }
    }

    /**
     * Returns from {@link #resume()} with {@code value}: the protocol's way to end with a result. The
     * value waits in the task (one slot per task, not per coroutine, keeps every frame smaller) until
     * {@link #run} takes it, before anything else can run.
     */
    final Object complete(Object value) {
        task.holdReturnValue(value);
        return this;
    }

    /**
     * Runs {@code coroutine} until it suspends or ends, following tail delegation
     * ({@code return other();}) without growing the chain of callers. Returns
     * {@link WovenCode#SUSPENDED} or the result; throws the coroutine's exception.
     */
    static Object run(Coroutine<?> coroutine) {
        return settle(coroutine, coroutine.resume());
    }

    /**
     * What {@link #run} returns, given what {@code coroutine.resume()} returned: the outcome of a
     * coroutine it delegates to, which this runs, or its result. Apart from {@link #run} so that an
     * inline {@code await} can call {@code resume()} itself, with one Java frame fewer a level.
     */
    static Object settle(Coroutine<?> coroutine, Object resumed) {
        Coroutine<?> current = coroutine;
        Object outcome = resumed;
        while (true) {
            if (outcome == WovenCode.SUSPENDED || outcome == null) {
                return outcome;
            }
            if (outcome == current) {
                return current.task.takeReturnValue();
            }
            if (!(outcome instanceof Coroutine<?> delegate)) {
                throw new IllegalStateException("resume() of " + current + " returned " + outcome);
            }
            delegate.claim(current.task, current.caller);
            current = delegate;
            outcome = current.resume();
        }
    }

    /**
     * The name of the coroutine function, as {@code Owner.method}: the weaver's frame classes
     * override it with the woven method's name; other coroutines name their class.
     */
    protected String functionName() {
        return getClass().getSimpleName();
    }

    /**
     * The source line of the {@code await} at which this coroutine is suspended (its first line if it
     * has not started), or -1 if unknown: the weaver's frame classes answer from a table of lines
     * written at weave time, so that suspending records nothing.
     */
    protected int awaitLine() {
        return -1;
    }

    /** The source file of the coroutine function, as a stack trace names it, or {@code null} if unknown. */
    protected String sourceFile() {
        return null;
    }

    @Override
    public String toString() {
        String state = task == null ? "new" : task.hasRun(this) ? "started" : "claimed";
        return "Coroutine[" + functionName() + " " + state + "]";
    }
}
