// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired, asyncio's
 * {@code BoundedSemaphore}: a release that would raise the value above the initial one throws
 * {@link IllegalStateException}.
 *
 * <p>Python raises {@code ValueError} there. Java's nearest convention for a method called more
 * times than the object's state allows is {@link IllegalStateException}, as
 * {@link java.util.Iterator#remove()} throws when called twice; {@link IllegalArgumentException}
 * would blame an argument, and {@code release()} takes none. Loop thread only.
 */
public final class BoundedSemaphore extends Semaphore {
    /** The initial value, which releases may not exceed. */
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /** A bounded semaphore with {@code value} permits; {@link IllegalArgumentException} if it is negative. */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()} does; {@link IllegalStateException} if that
     * would make more permits free than the semaphore started with.
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (value " + value + " of " + bound + ")");
        }
        super.release();
    }
}
