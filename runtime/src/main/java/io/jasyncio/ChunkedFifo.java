// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.function.Consumer;

/**
 * A FIFO of entries in a chain of small fixed-size chunks, the shape of the loop's ready queue and
 * of its timers' FIFO lane. A burst of a million tasks never needs one array of a million slots,
 * which the JVM's default collector (G1) would allocate outside the young generation, so that every
 * young task stored into it would cost a remembered-set update and each young collection a scan of
 * its cards; chunks are young like the tasks, and emptied ones go to the collector. Subclasses keep
 * more per entry in parallel arrays of their own chunk type. Loop thread only.
 *
 * @param <C> the chunk type
 */
abstract class ChunkedFifo<C extends ChunkedFifo.Chunk<C>> {
    /** Entries per chunk. */
    static final int CHUNK_SIZE = 256;

    /** One link of the chain: its slots fill from 0 and empty from 0, then the next chunk takes over. */
    abstract static class Chunk<C> {
        final Object[] entries = new Object[CHUNK_SIZE];
        C next;
    }

    /** Visits one slot: the chunk it is in and its index there. */
    interface SlotVisitor<C> {
        void visit(C chunk, int index);
    }

    private C head;
    private C tail;

    /** The slot of {@link #head} that holds the first entry. */
    private int headIndex;

    /** The slot of {@link #tail} that the next entry takes. */
    private int tailIndex;

    private int size;

    ChunkedFifo() {
        head = newChunk();
        tail = head;
    }

    /** A new, empty chunk. */
    abstract C newChunk();

    final int size() {
        return size;
    }

    final boolean isEmpty() {
        return size == 0;
    }

    /** Appends {@code entry}; returns its slot's index in {@link #lastChunk()}, for the subclass's arrays. */
    final int append(Object entry) {
        if (tailIndex == CHUNK_SIZE) {
            C chunk = newChunk();
            tail.next = chunk;
            tail = chunk;
            tailIndex = 0;
        }
        tail.entries[tailIndex] = entry;
        size++;
        return tailIndex++;
    }

    /** The chunk that holds the last entry. */
    final C lastChunk() {
        return tail;
    }

    /** The chunk that holds the first entry; the queue must not be empty. */
    final C firstChunk() {
        stepPastEmptiedChunk();
        return head;
    }

    /** The index of the first entry in {@link #firstChunk()}; the queue must not be empty. */
    final int firstIndex() {
        stepPastEmptiedChunk();
        return headIndex;
    }

    /** Removes the first entry and returns it; the queue must not be empty. */
    final Object removeFirst() {
        stepPastEmptiedChunk();
        Object entry = head.entries[headIndex];
        head.entries[headIndex++] = null;
        if (--size == 0) {
            // Start over at the beginning of the current chunk: a loop that keeps a few entries
            // reuses one chunk instead of making a new one every CHUNK_SIZE entries.
            tail = head;
            head.next = null;
            headIndex = 0;
            tailIndex = 0;
        }
        return entry;
    }

    /** Visits every slot in use, first to last. */
    final void forEachSlot(SlotVisitor<C> visitor) {
        C chunk = head;
        int index = headIndex;
        for (int left = size; left > 0; left--) {
            if (index == CHUNK_SIZE) {
                chunk = chunk.next;
                index = 0;
            }
            visitor.visit(chunk, index++);
        }
    }

    /** Gives every entry to {@code action}, first to last. */
    final void forEachEntry(Consumer<Object> action) {
        forEachSlot((chunk, index) -> action.accept(chunk.entries[index]));
    }

    /** Removes every entry. */
    final void clear() {
        head = newChunk();
        tail = head;
        headIndex = 0;
        tailIndex = 0;
        size = 0;
    }

    private void stepPastEmptiedChunk() {
        if (headIndex == CHUNK_SIZE) {
            head = head.next;
            headIndex = 0;
        }
    }
}
