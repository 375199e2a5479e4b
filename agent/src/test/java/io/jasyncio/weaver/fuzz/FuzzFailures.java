// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

/**
 * The exception types that generated programs throw and catch, beside the JDK's: a small hierarchy,
 * so that catch clauses can be ordered from subclass to superclass, and a checked one; and the
 * error that stops a program that loops forever.
 *
 * <p>They live in the test sources, not in the generated programs, because the verifier that checks
 * woven classes resolves the types it compares through the test class path.
 */
public final class FuzzFailures {
    private FuzzFailures() {
    }

    /** The root of the generated programs' own unchecked exceptions. */
    public static class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    /** One of two unrelated subclasses of {@link Failure}. */
    public static class FirstFailure extends Failure {
        private static final long serialVersionUID = 1L;

        public FirstFailure(String message) {
            super(message);
        }
    }

    /** The other of two unrelated subclasses of {@link Failure}. */
    public static class SecondFailure extends Failure {
        private static final long serialVersionUID = 1L;

        public SecondFailure(String message) {
            super(message);
        }
    }

    /**
     * Ends a run that loops forever (see {@link ProgramSupport#step()}); an {@link Error}, so that
     * the generated programs' catch clauses let it through.
     */
    public static class StepLimitExceeded extends Error {
        private static final long serialVersionUID = 1L;

        public StepLimitExceeded(String message) {
            super(message);
        }
    }

    /** A checked exception, which a coroutine throws as it was thrown, never wrapped. */
    public static class CheckedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public CheckedFailure(String message) {
            super(message);
        }
    }
}
