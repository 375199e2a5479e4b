// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.Cleaner;

/** The runtime's one {@link Cleaner}, whose daemon thread is started only when something first needs it. */
final class Cleaners {
    /** Runs the reports of failures never retrieved and of coroutines never awaited. */
    static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "jasyncio-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private Cleaners() {
    }
}
