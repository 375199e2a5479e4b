// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Arrays;

/**
 * The values of the {@link ContextVar}s as an immutable map, what a Python context holds (its
 * {@code ctx_vars}); a {@link Context} is a mutable holder of one of these.
 *
 * <p>{@code var.set(v)} replaces the current map of the thread with a new one. What Python does by
 * copying a context, the runtime does by capturing this map: a task keeps the map current when it was
 * created and runs every step in it (and keeps what its steps set); a callback runs in the map current
 * when it was scheduled. Programs that never set a variable share {@link #EMPTY} throughout, and
 * switching contexts costs a field write.
 *
 * <p>Few variables are set at once in practice, so the map is a pair of small arrays searched
 * linearly, in the order the variables were first set, and each {@code set} copies them.
 */
final class ContextMap {
    /** The map in which no variable has a value. */
    static final ContextMap EMPTY = new ContextMap(new ContextVar<?>[0], new Object[0]);

    /** What {@link #lookup} returns for a variable without a value, since {@code null} is a value. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<MISSING>";
        }
    };

    private final ContextVar<?>[] variables;
    private final Object[] values;

    private ContextMap(ContextVar<?>[] variables, Object[] values) {
        this.variables = variables;
        this.values = values;
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

    /** This map with {@code variable} set to {@code value}, or without it if {@code value} is {@link #MISSING}. */
    ContextMap with(ContextVar<?> variable, Object value) {
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
            return fewerVariables.length == 0 ? EMPTY : new ContextMap(fewerVariables, fewerValues);
        }
        int size = Math.max(variables.length, index + 1);
        ContextVar<?>[] newVariables = Arrays.copyOf(variables, size);
        Object[] newValues = Arrays.copyOf(values, size);
        newVariables[index] = variable;
        newValues[index] = value;
        return new ContextMap(newVariables, newValues);
    }

    /** How many variables have a value here. */
    int size() {
        return variables.length;
    }

    /** The {@code index}-th variable with a value, in the order they were first set. */
    ContextVar<?> variable(int index) {
        return variables[index];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < variables.length; i++) {
            text.append(i == 0 ? "" : ", ").append(variables[i].getName()).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
