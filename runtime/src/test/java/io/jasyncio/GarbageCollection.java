// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for the garbage collector (and the cleaner's thread after it) to have done something. */
final class GarbageCollection {
    /** How long to keep collecting before giving up: a bound, not a timing assertion. */
    private static final long PATIENCE_SECONDS = 10;

    private GarbageCollection() {
    }

    /** Collects garbage until {@code condition} holds; fails after {@value #PATIENCE_SECONDS} s. */
    static void collectUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("still waiting, after " + PATIENCE_SECONDS + " s of garbage collections, for " + what);
            }
            System.gc();
            Thread.sleep(10);
        }
    }
}
