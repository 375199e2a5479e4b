// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * A context variable, Python's {@code contextvars.ContextVar}: a value that each task sees in its
 * own context, as a {@link ThreadLocal} is per thread.
 *
 * <p>A task copies the context of the code that creates it, and runs every step in that copy: a
 * value set inside the task is seen by the rest of the task and by the coroutines it awaits, and by
 * the tasks and callbacks it creates afterwards, but never by its creator or its siblings. A callback
 * scheduled with {@code callSoon} runs in a copy of the context current when it was scheduled, and a
 * done callback in the context current when it was added. A task or callback given a {@link Context}
 * ({@code createTask(coro, name, context)}, {@code callSoon(callback, context)}) runs in that context
 * object instead, and what it sets stays there. Outside of any loop, the context is the thread's own.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST = new ContextVar<>("request");
 *
 * ContextVar.Token<String> token = REQUEST.set("r-1");
 * try {
 *     await(handle());           // sees "r-1", and so do the tasks it creates
 * } finally {
 *     REQUEST.reset(token);      // back to the value before set
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    private final String name;

    /** The value of {@link #get()} when the variable has no value, or {@link ContextMap#MISSING}. */
    private final Object defaultValue;

    /** A variable without a default value: {@link #get()} throws until it is set. */
    public ContextVar(String name) {
        this.name = requireName(name);
        this.defaultValue = ContextMap.MISSING;
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this.name = requireName(name);
        this.defaultValue = defaultValue;
    }

    private static String requireName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        return name;
    }

    /** The variable's name, for messages. */
    public String getName() {
        return name;
    }

    /**
     * The variable's value in the current context, else its default value; throws
     * {@link NoSuchElementException} (Python's {@code LookupError}) if it has neither.
     */
    public T get() {
        Object value = valueOrDefault();
        if (value == ContextMap.MISSING) {
            throw new NoSuchElementException(toString());
        }
        return cast(value);
    }

    /** The variable's value in the current context, else {@code fallback}; Python's {@code var.get(default)}. */
    public T get(T fallback) {
        Object value = CurrentContext.map().lookup(this);
        return value == ContextMap.MISSING ? fallback : cast(value);
    }

    /**
     * Sets the variable's value in the current context and returns a token that {@link #reset} takes
     * to restore the value it had before.
     */
    public Token<T> set(T value) {
        CurrentContext current = CurrentContext.ofThisThread();
        Object oldValue = current.context.lookup(this);
        current.change(current.context.with(this, value));
        return new Token<>(this, oldValue, current.identity());
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}, or
     * removes its value if it had none. A token can be used once: {@link IllegalStateException} the
     * second time, {@link IllegalArgumentException} if it belongs to another variable or was made in
     * another context (another task's, another callback's, another thread's), as Python raises
     * {@code ValueError}.
     */
    public void reset(Token<T> token) {
        if (token.variable != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar than " + this);
        }
        CurrentContext current = CurrentContext.ofThisThread();
        if (token.context != current.identity()) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        token.used = true;
        current.change(current.context.with(this, token.oldValue));
    }

    private Object valueOrDefault() {
        Object value = CurrentContext.map().lookup(this);
        return value == ContextMap.MISSING ? defaultValue : value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return "ContextVar[name=" + name + (defaultValue == ContextMap.MISSING ? "" : " default=" + defaultValue) + "]";
    }

    /**
     * What {@link ContextVar#set} returns, Python's {@code contextvars.Token}: the way back to the
     * value before the set.
     *
     * @param <T> the type of the variable's value
     */
    public static final class Token<T> {
        /** What {@link #getOldValue()} returns when the variable had no value before the set, Python's {@code Token.MISSING}. */
        public static final Object MISSING = ContextMap.MISSING;

        private final ContextVar<T> variable;
        private final Object oldValue;

        /** The identity of the context the token was made in (see {@link CurrentContext#identity()}). */
        private final Object context;

        private boolean used;

        private Token(ContextVar<T> variable, Object oldValue, Object context) {
            this.variable = variable;
            this.oldValue = oldValue;
            this.context = context;
        }

        /** The variable that was set. */
        public ContextVar<T> getVar() {
            return variable;
        }

        /** The variable's value before the set, or {@link #MISSING} if it had none. */
        public Object getOldValue() {
            return oldValue;
        }

        @Override
        public String toString() {
            return "Token[" + (used ? "used " : "") + "var=" + variable.getName() + "]";
        }
    }
}
