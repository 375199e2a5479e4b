// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * Something that {@code await(x)} accepts: a {@link Coroutine} or a {@link Future} (and so a
 * {@link Task}), asyncio's "awaitable".
 *
 * <p>The interface is sealed because the loop must know how to wait for each kind: a coroutine runs
 * inline in the awaiting task, a future suspends the task until it is done.
 *
 * @param <T> the type of the value that awaiting it produces
 */
public sealed interface Awaitable<T> permits Coroutine, Future {
}
