// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

/**
 * Thrown by {@link Queue#putNowait} when the queue is full, asyncio's {@code QueueFull}.
 *
 * <p>It extends {@link IllegalStateException}, what {@link java.util.Queue#add} throws when a bounded
 * queue is full, so that code written against either convention catches it.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A full queue, described by {@code message}. */
    public QueueFullException(String message) {
        super(message);
    }
}
