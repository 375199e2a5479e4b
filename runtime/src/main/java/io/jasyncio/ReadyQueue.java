// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.function.Consumer;

/**
 * The loop's ready queue, asyncio's {@code _ready} deque: entries in FIFO order, each a
 * {@link Handle}, a {@link Task} (its next step) or a {@link Gather} (one of its done callbacks).
 *
 * <p>A chain of small fixed-size chunks rather than one array: a burst of a million new tasks never
 * needs one array of a million slots, which the JVM's default collector (G1) would allocate outside
 * the young generation, so that every task stored into it would cost a remembered-set update and
 * each young collection a scan of its dirty cards. Chunks are young, and emptied ones are dropped.
 * Loop thread only.
 */
final class ReadyQueue {
    private static final int CHUNK_SIZE = 512;

    /** One link of the chain: its slots fill from 0 and empty from 0, then the next chunk takes over. */
    private static final class Chunk {
        final Object[] entries = new Object[CHUNK_SIZE];
        Chunk next;
    }

    private Chunk head = new Chunk();
    private Chunk tail = head;

    /** The next slot to take from {@link #head}. */
    private int headIndex;

    /** The next slot to fill in {@link #tail}. */
    private int tailIndex;

    private int size;

    void addLast(Object entry) {
        if (tailIndex == CHUNK_SIZE) {
            Chunk chunk = new Chunk();
            tail.next = chunk;
            tail = chunk;
            tailIndex = 0;
        }
        tail.entries[tailIndex++] = entry;
        size++;
    }

    /** Takes the oldest entry; the queue must not be empty. */
    Object pollFirst() {
        if (headIndex == CHUNK_SIZE) {
            head = head.next;
            headIndex = 0;
        }
        Object entry = head.entries[headIndex];
        head.entries[headIndex++] = null;
        size--;
        if (size == 0) {
            // Start over at the beginning of the current chunk: a loop that keeps a few entries ready
            // reuses one chunk instead of making a new one every CHUNK_SIZE entries.
            tail = head;
            headIndex = 0;
            tailIndex = 0;
            head.next = null;
        }
        return entry;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Gives every entry to {@code action}, oldest first. */
    void forEach(Consumer<Object> action) {
        int index = headIndex;
        Chunk chunk = head;
        for (int left = size; left > 0; left--) {
            if (index == CHUNK_SIZE) {
                chunk = chunk.next;
                index = 0;
            }
            action.accept(chunk.entries[index++]);
        }
    }

    void clear() {
        head = new Chunk();
        tail = head;
        headIndex = 0;
        tailIndex = 0;
        size = 0;
    }
}
