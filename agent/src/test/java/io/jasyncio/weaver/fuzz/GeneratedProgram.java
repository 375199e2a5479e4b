// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.util.List;

/**
 * A generated program: one class with the twins of each generated method, and the calls to compare.
 *
 * @param seed what generated it: the same seed generates the same program
 * @param binaryName the class's binary name
 * @param source the class's Java source
 * @param instanceMethods whether the methods are instance methods (called on a new instance) rather than static
 * @param calls one call of each generated method, with the arguments to pass to both twins
 */
record GeneratedProgram(long seed, String binaryName, String source, boolean instanceMethods, List<Call> calls) {
    /** A call to make of both twins of {@code method}, with {@code arguments}. */
    record Call(MethodSignature method, List<Object> arguments) {
        @Override
        public String toString() {
            return method.name() + arguments.toString().replace('[', '(').replace(']', ')');
        }
    }
}
