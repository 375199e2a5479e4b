// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * The loop's ready queue, asyncio's {@code _ready} deque: entries in FIFO order, each a
 * {@link Handle}, a {@link Task} (its next step) or a {@link Gather} (one of its done callbacks).
 * Chunked, so that a burst of new tasks costs the collector no huge array (see {@link ChunkedFifo}).
 */
final class ReadyQueue extends ChunkedFifo<ReadyQueue.EntryChunk> {
    /** A chunk of entries and nothing else. */
    static final class EntryChunk extends ChunkedFifo.Chunk<EntryChunk> {
    }

    /** Empties the queue as its loop closes, telling each handle's callback that asked ({@code DroppedOnClose}). */
    void dropAll() {
        forEachEntry(entry -> {
            if (entry instanceof Handle handle) {
                handle.droppedOnClose();
            }
        });
        clear();
    }

    @Override
    EntryChunk newChunk() {
        return new EntryChunk();
    }
}
