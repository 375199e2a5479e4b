// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

/**
 * Thrown by {@link Barrier#await()} when the barrier is broken by {@link Barrier#abort()} or
 * {@link Barrier#reset()} while the task waits, or is broken when it arrives, asyncio's
 * {@code BrokenBarrierError}.
 *
 * <p>It extends {@link IllegalStateException}, the Java counterpart of the {@code RuntimeError} that
 * Python's extends. Unlike {@link java.util.concurrent.BrokenBarrierException} it is unchecked, so
 * that code can catch it around an {@code await}, which declares no checked exceptions.
 */
public class BrokenBarrierException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A broken barrier, with asyncio's message saying why. */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
