// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A context, Python's {@code contextvars.Context}: a mapping from {@link ContextVar}s to their values,
 * which code sees as its current context while it runs inside {@link #run}.
 *
 * <p>{@link #copyContext()} copies the current context; {@code run(body)} makes this context the
 * current one for the length of {@code body}, so that what {@code body} sets with
 * {@link ContextVar#set} stays in this context afterwards. A task created with a context
 * ({@link EventLoop#createTask(Coroutine, String, Context)}) runs every step in it, and a callback
 * scheduled with one ({@link EventLoop#callSoon(Runnable, Context)}) runs in it: what they set is seen
 * through this object afterwards. A context can be entered once at a time: entering it again, from a
 * nested {@code run} or from another thread, throws {@link IllegalStateException}, as Python raises
 * {@code RuntimeError}.
 *
 * <pre>{@code
 * Context context = Context.copyContext();
 * context.run(() -> REQUEST.set("r-1"));
 * context.get(REQUEST);                                      // "r-1"; REQUEST.get() here is unchanged
 * await(createTask(handle(), "handler", context));           // handle() sees "r-1", and what it sets stays in context
 * }</pre>
 *
 * <p>Without one, a task runs in a copy of the context current when it was created, as in Python;
 * the runtime makes that copy lazily, without allocating (see {@link ContextVar}). Iteration goes over
 * the variables with a value in the order they were first set (Python's order is a hash's); it reads
 * a snapshot, so a {@code set} meanwhile does not disturb it.
 */
public final class Context implements Iterable<ContextVar<?>> {
    private static final VarHandle ENTERED;

    static {
        try {
            ENTERED = MethodHandles.lookup().findVarHandle(Context.class, "entered", boolean.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** The values; while the context is entered, the thread running in it keeps them up to date. */
    private ContextMap values;

    /** Whether a thread runs in this context; set with a compare-and-set, so that two threads cannot both enter. */
    @SuppressWarnings("unused") // through ENTERED
    private volatile boolean entered;

    /** An empty context, Python's {@code contextvars.Context()}: no variable has a value in it. */
    public Context() {
        this(ContextMap.EMPTY);
    }

    private Context(ContextMap values) {
        this.values = values;
    }

    /** A copy of the current context, Python's {@code contextvars.copy_context()}. */
    public static Context copyContext() {
        return new Context(CurrentContext.map());
    }

    /** A copy of this context, Python's {@code ctx.copy()}: later changes to either are not seen by the other. */
    public Context copy() {
        return new Context(values);
    }

    /**
     * Calls {@code body} with this context as the current one, and returns what it returns, Python's
     * {@code ctx.run(callable)}: what {@code body} sets stays in this context; the current context is
     * restored afterwards, and {@code body}'s exception passes through. {@link IllegalStateException}
     * if this context is entered already.
     */
    public <T> T run(Supplier<T> body) {
        Objects.requireNonNull(body, "body");
        try {
            return call(body::get);
        } catch (Exception thrown) {
            throw Throwables.sneakyThrow(thrown); // unchecked, or checked and thrown sneakily: passed on as it was
        }
    }

    /** Like {@link #run(Supplier)}, for a body that returns nothing. */
    public void run(Runnable body) {
        Objects.requireNonNull(body, "body");
        run(() -> {
            body.run();
            return null;
        });
    }

    /** {@link #run(Supplier)} for a body that may throw a checked exception, for the runtime's bridges to threads. */
    <T> T call(Callable<T> body) throws Exception {
        CurrentContext current = CurrentContext.ofThisThread();
        ContextMap outer = current.context;
        Object outerOwner = current.owner;
        enter(current);
        try {
            return body.call();
        } finally {
            exit(current);
            current.context = outer;
            current.owner = outerOwner;
        }
    }

    /**
     * Makes this context the current one of {@code current}: its values and, for tokens, its owner.
     * {@link IllegalStateException} if it is entered already.
     */
    void enter(CurrentContext current) {
        if (!ENTERED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        current.context = values;
        current.owner = this;
    }

    /** Leaves this context, keeping what was set in it; the caller restores what was current before. */
    void exit(CurrentContext current) {
        values = current.context;
        entered = false;
    }

    /** Runs the step of {@code task}, which was created with this context, in this context. */
    void runStep(Task<?> task, CurrentContext current) {
        enter(current);
        try {
            task.runStep();
        } finally {
            exit(current);
        }
    }

    /** Told by the thread running in this context of each {@code set} and {@code reset}, so that reads here see them. */
    void changed(ContextMap changed) {
        values = changed;
    }

    /**
     * {@code callback} bound to this context: it runs in it, as Python's {@code Handle} runs its
     * callback with {@code context.run}. {@code context} {@code null} means the current one, captured
     * by the scheduling call as usual, so {@code callback} comes back unchanged.
     */
    static Runnable bind(Context context, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        return context == null ? callback : new InContext(context, callback);
    }

    /** The value of {@code variable} in this context, or {@code null} if it has none, Python's {@code ctx.get(var)}. */
    public <T> T get(ContextVar<T> variable) {
        return get(variable, null);
    }

    /** The value of {@code variable} in this context, or {@code fallback} if it has none, Python's {@code ctx.get(var, default)}. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> variable, T fallback) {
        Object value = values.lookup(Objects.requireNonNull(variable, "variable"));
        return value == ContextMap.MISSING ? fallback : (T) value;
    }

    /** Whether {@code variable} has a value in this context, Python's {@code var in ctx}. */
    public boolean containsKey(ContextVar<?> variable) {
        return values.lookup(Objects.requireNonNull(variable, "variable")) != ContextMap.MISSING;
    }

    /** How many variables have a value in this context, Python's {@code len(ctx)}. */
    public int size() {
        return values.size();
    }

    /** The variables that have a value in this context, in the order they were first set, Python's {@code iter(ctx)}. */
    @Override
    public Iterator<ContextVar<?>> iterator() {
        ContextMap snapshot = values;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < snapshot.size();
            }

            @Override
            public ContextVar<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return snapshot.variable(next++);
            }
        };
    }

    @Override
    public String toString() {
        return "Context" + values;
    }

    /** A callback that runs in a given context, for {@code callSoon(callback, context)} and its kin. */
    private record InContext(Context context, Runnable callback) implements Runnable {
        @Override
        public void run() {
            context.run(callback);
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }
}
