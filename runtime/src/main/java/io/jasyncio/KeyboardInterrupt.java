// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Python's {@code KeyboardInterrupt}: a {@link Runner} throws it when Ctrl-C (SIGINT) cancelled its
 * main task and the task ended with that cancellation. An {@link Error}, as {@link CancelledError}
 * is, so that {@code catch (Exception e)} does not swallow it.
 */
public final class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** The interrupt, caused by the cancellation that ended the main task. */
    public KeyboardInterrupt(CancelledError cancellation) {
        super(null, cancellation);
    }
}
