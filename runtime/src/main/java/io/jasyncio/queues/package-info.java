// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Queues for producer and consumer tasks, asyncio's {@code asyncio.queues}:
 * {@link io.jasyncio.queues.Queue} (first in, first out), {@link io.jasyncio.queues.LifoQueue} and
 * {@link io.jasyncio.queues.PriorityQueue}, with CPython 3.11's semantics.
 *
 * <p>They connect tasks of one event loop and are not thread-safe; waiting suspends the task, never
 * the thread. Python's {@code QueueFull} and {@code QueueEmpty} are
 * {@link io.jasyncio.queues.QueueFullException} and {@link io.jasyncio.queues.QueueEmptyException}.
 */
package io.jasyncio.queues;
