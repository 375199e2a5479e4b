// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait} when the queue is empty, asyncio's {@code QueueEmpty}.
 *
 * <p>It extends {@link NoSuchElementException}, what {@link java.util.Queue#remove()} throws when a
 * queue is empty, so that code written against either convention catches it.
 */
public class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** An empty queue, described by {@code message}. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
