// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Something to iterate asynchronously, Python's {@code collections.abc.AsyncIterable}: what
 * {@code async for} accepts. Its iterator hands out values that may have to be awaited.
 *
 * @param <T> the type of the values
 */
public interface AsyncIterable<T> {
    /** An iterator over the values, Python's {@code aiter(iterable)}. */
    AsyncIterator<T> aiter();
}
