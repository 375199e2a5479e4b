// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Synchronisation primitives for tasks, asyncio's {@code asyncio.locks}: {@link io.jasyncio.locks.Lock},
 * {@link io.jasyncio.locks.Event}, {@link io.jasyncio.locks.Condition},
 * {@link io.jasyncio.locks.Semaphore}, {@link io.jasyncio.locks.BoundedSemaphore} and
 * {@link io.jasyncio.locks.Barrier}, with CPython 3.11's semantics.
 *
 * <p>They coordinate tasks of one event loop and are not thread-safe; waiting suspends the task,
 * never the thread. Each waiting task has a future in the primitive's queue of waiters; waking it
 * sets that future's result, so the task runs in a later iteration, and waiters wake in the order
 * they began to wait. Cancelling a waiting task throws {@link io.jasyncio.CancelledError} at its
 * {@code await} and removes it from the queue.
 *
 * <p>Names are asyncio's in camelCase. Where asyncio's name is a final method of {@link Object}
 * ({@code wait}, {@code notify}, {@code notify_all}), the primitive uses the name that
 * {@code java.util.concurrent} gives the same operation: {@code await()}, {@code signal()},
 * {@code signalAll()}. Python's {@code RuntimeError} for misuse is {@link IllegalStateException}.
 * Python's {@code async with primitive:} is
 * {@code await(primitive.acquire()); try { ... } finally { primitive.release(); }}, or
 * {@code withLock}/{@code withPermit} for a body that is a coroutine.
 */
package io.jasyncio.locks;
