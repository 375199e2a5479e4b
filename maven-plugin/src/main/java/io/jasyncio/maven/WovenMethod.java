// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

/**
 * A method that the weaver turned into a state machine.
 *
 * @param className the class, in binary form ({@code com.example.Owner})
 * @param methodName the method's name ({@code lambda$main$0} for an async lambda)
 * @param states the states of its state machine: one for the start and one for each await
 */
public record WovenMethod(String className, String methodName, int states) {
    /** {@code com.example.Owner.method: 3 states}. */
    @Override
    public String toString() {
        return className + "." + methodName + ": " + states + (states == 1 ? " state" : " states");
    }
}
