// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * An iterator whose next value may have to be awaited, Python's {@code collections.abc.AsyncIterator},
 * read with Java's iterator protocol: awaiting {@link #hasNext()} runs whatever produces the next
 * value, and {@link #next()} then takes it without waiting. Python's
 * <pre>{@code
 * async for line in reader:
 *     print(line)
 * }</pre>
 * is
 * <pre>{@code
 * for (var lines = reader.lines(); await(lines.hasNext()); ) {
 *     byte[] line = lines.next();
 *     print(line);
 * }
 * }</pre>
 * inside an {@code @Async} method; {@code break}, {@code continue} and {@code return} work as in any
 * loop. Unlike a {@code forEach} with an async lambda, the loop allocates nothing per value and its
 * body may change the method's locals. As in Python, leaving the loop early does not close the
 * iterator. An iterator is its own {@link AsyncIterable}, as Python's are.
 *
 * @param <T> the type of the values
 */
public interface AsyncIterator<T> extends AsyncIterable<T> {
    /**
     * Something to await, once, before the next {@link #hasNext()}: {@code true} when a next value is
     * ready for {@link #next()}, {@code false} at the end (Python's {@code StopAsyncIteration}). It
     * throws what producing the value threw. While a value is ready and not taken, it is {@code true}
     * again without producing another.
     */
    Awaitable<Boolean> hasNext();

    /**
     * The value that {@link #hasNext()} made ready, taken without waiting; throws
     * {@link NoSuchElementException} if there is none.
     */
    T next();

    /** This iterator, as Python's {@code __aiter__} of an iterator returns itself. */
    @Override
    default AsyncIterator<T> aiter() {
        return this;
    }
}
