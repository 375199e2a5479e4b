// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The values of the {@link ContextVar}s, asyncio's {@code contextvars.Context}, as an immutable
 * snapshot.
 *
 * <p>Python's contexts are mutable objects that {@code copy_context()} copies; here a context is an
 * immutable map, so a copy is the same object, and {@code var.set(v)} replaces the current context of
 * the thread with a new map. What Python does by copying, the runtime does by capturing: a task keeps
 * the context current when it was created and runs every step in it (and keeps what its steps set);
 * a callback runs in the context current when it was scheduled. Programs that never set a variable
 * share {@link #EMPTY} throughout, and switching contexts costs a field write.
 *
 * <p>Few variables are set at once in practice, so the map is a pair of small arrays searched
 * linearly, and each {@code set} copies them.
 */
final class Context {
    /** The context in which no variable has a value. */
    static final Context EMPTY = new Context(new ContextVar<?>[0], new Object[0]);

    private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);

    /** What {@link #lookup} returns for a variable without a value, since {@code null} is a value. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<MISSING>";
        }
    };

    private final ContextVar<?>[] variables;
    private final Object[] values;

    private Context(ContextVar<?>[] variables, Object[] values) {
        this.variables = variables;
        this.values = values;
    }

    /** The current context of one thread, which code running there reads and replaces. */
    static final class Current {
        /** The context that code running in this thread sees. */
        Context context = EMPTY;

        /**
         * What the current context belongs to, where Python has one mutable context object: the task
         * whose step or the handle whose callback the loop is running, {@code null} outside them.
         */
        Object owner;

        /** The identity of the current context, for tokens: its owner, else this thread's own context. */
        Object identity() {
            return owner != null ? owner : this;
        }
    }

    /** The holder of this thread's current context; the loop caches it while it runs. */
    static Current ofThisThread() {
        return CURRENT.get();
    }

    /** This thread's current context, asyncio's {@code contextvars.copy_context()}. */
    static Context current() {
        return CURRENT.get().context;
    }

    /** The value of {@code variable} here, or {@link #MISSING}. */
    Object lookup(ContextVar<?> variable) {
        for (int i = 0; i < variables.length; i++) {
            if (variables[i] == variable) {
                return values[i];
            }
        }
        return MISSING;
    }

    /** This context with {@code variable} set to {@code value}, or without it if {@code value} is {@link #MISSING}. */
    Context with(ContextVar<?> variable, Object value) {
        int index = 0;
        while (index < variables.length && variables[index] != variable) {
            index++;
        }
        if (value == MISSING) {
            if (index == variables.length) {
                return this;
            }
            ContextVar<?>[] fewerVariables = new ContextVar<?>[variables.length - 1];
            Object[] fewerValues = new Object[values.length - 1];
            System.arraycopy(variables, 0, fewerVariables, 0, index);
            System.arraycopy(variables, index + 1, fewerVariables, index, fewerVariables.length - index);
            System.arraycopy(values, 0, fewerValues, 0, index);
            System.arraycopy(values, index + 1, fewerValues, index, fewerValues.length - index);
            return fewerVariables.length == 0 ? EMPTY : new Context(fewerVariables, fewerValues);
        }
        int size = Math.max(variables.length, index + 1);
        ContextVar<?>[] newVariables = Arrays.copyOf(variables, size);
        Object[] newValues = Arrays.copyOf(values, size);
        newVariables[index] = variable;
        newValues[index] = value;
        return new Context(newVariables, newValues);
    }

    /**
     * Calls {@code body} in this thread with this context as the current one, and restores the
     * previous one afterwards, asyncio's {@code context.run(body)}. Unlike Python's, what the body
     * sets is not kept in this context, which is immutable.
     */
    <T> T call(Callable<T> body) throws Exception {
        Current current = CURRENT.get();
        Context outer = current.context;
        Object outerOwner = current.owner;
        current.context = this;
        current.owner = new Object(); // a copy of its own, as Python's ctx.run: tokens made here stay here
        try {
            return body.call();
        } finally {
            current.context = outer;
            current.owner = outerOwner;
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Context{");
        for (int i = 0; i < variables.length; i++) {
            text.append(i == 0 ? "" : ", ").append(variables[i].getName()).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
