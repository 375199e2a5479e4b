// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The exception types that generated programs throw and catch, with their place in the hierarchy,
 * which decides the legal orders of catch clauses.
 */
enum ExceptionType {
    EXCEPTION("Exception", null),
    RUNTIME("RuntimeException", EXCEPTION),
    ARITHMETIC("ArithmeticException", RUNTIME),
    INDEX_OUT_OF_BOUNDS("IndexOutOfBoundsException", RUNTIME),
    ILLEGAL_STATE("IllegalStateException", RUNTIME),
    FAILURE("Failure", RUNTIME),
    FIRST_FAILURE("FirstFailure", FAILURE),
    SECOND_FAILURE("SecondFailure", FAILURE),
    CHECKED_FAILURE("CheckedFailure", EXCEPTION);

    /** The unchecked types with a {@code (String message)} constructor, which programs throw. */
    static final List<ExceptionType> THROWN = List.of(
            RUNTIME, ARITHMETIC, INDEX_OUT_OF_BOUNDS, ILLEGAL_STATE, FAILURE, FIRST_FAILURE, SECOND_FAILURE);

    /** The name as generated programs write it (they import the nested types of {@link FuzzFailures}). */
    final String simpleName;

    private final ExceptionType superclass;

    ExceptionType(String simpleName, ExceptionType superclass) {
        this.simpleName = simpleName;
        this.superclass = superclass;
    }

    /** Whether this is a checked exception type, which javac lets a try catch only if its block may throw one. */
    boolean isChecked() {
        return this == CHECKED_FAILURE;
    }

    /** Whether a clause catching this type catches checked exceptions that programs throw. */
    boolean catchesChecked() {
        return this == EXCEPTION || this == CHECKED_FAILURE;
    }

    boolean isSubtypeOf(ExceptionType other) {
        for (ExceptionType type = this; type != null; type = type.superclass) {
            if (type == other) {
                return true;
            }
        }
        return false;
    }

    private int depth() {
        return superclass == null ? 0 : superclass.depth() + 1;
    }

    /**
     * Catch clauses for {@code types} in an order javac accepts: subclasses before their
     * superclasses, since a clause may not catch what an earlier one caught. Adjacent unrelated
     * types share a multi-catch clause when {@code merge} says so.
     */
    static List<List<ExceptionType>> clauses(List<ExceptionType> types, BooleanSupplier merge) {
        List<ExceptionType> ordered = types.stream().distinct()
                .sorted(Comparator.comparingInt(ExceptionType::depth).reversed()).toList();
        List<List<ExceptionType>> clauses = new ArrayList<>();
        for (ExceptionType type : ordered) {
            List<ExceptionType> last = clauses.isEmpty() ? null : clauses.get(clauses.size() - 1);
            if (last != null && last.stream().noneMatch(other -> other.isSubtypeOf(type) || type.isSubtypeOf(other))
                    && merge.getAsBoolean()) {
                last.add(type);
            } else {
                clauses.add(new ArrayList<>(List.of(type)));
            }
        }
        return clauses;
    }
}
