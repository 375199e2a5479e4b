// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * The FIFO lane of the {@link TimerQueue}: timer entries whose deadlines never decrease from first
 * to last, so that adding and taking cost O(1). Each chunk keeps the deadlines and sequence numbers
 * of its entries in parallel arrays, so that ordering reads no entry object; chunked, so that a
 * million sleeping tasks cost the collector no huge array (see {@link ChunkedFifo}).
 */
final class TimerLane extends ChunkedFifo<TimerLane.TimerChunk> {
    /** A chunk of entries with their deadlines and sequence numbers. */
    static final class TimerChunk extends ChunkedFifo.Chunk<TimerChunk> {
        final long[] when = new long[CHUNK_SIZE];
        final long[] sequence = new long[CHUNK_SIZE];
    }

    /** The deadline of the newest entry, which a new entry must not precede. */
    private long lastWhen;

    @Override
    TimerChunk newChunk() {
        return new TimerChunk();
    }

    /** Whether an entry due at {@code whenNanos} may join the lane: it is empty, or that is not before its newest. */
    boolean accepts(long whenNanos) {
        return isEmpty() || whenNanos >= lastWhen;
    }

    /** Appends an entry; {@link #accepts} must hold for its deadline. */
    void add(long whenNanos, long sequence, Object entry) {
        int slot = append(entry);
        TimerChunk chunk = lastChunk();
        chunk.when[slot] = whenNanos;
        chunk.sequence[slot] = sequence;
        lastWhen = whenNanos;
    }

    /** The first entry's deadline; the lane must not be empty. */
    long firstWhen() {
        return firstChunk().when[firstIndex()];
    }

    /** The first entry's sequence number; the lane must not be empty. */
    long firstSequence() {
        return firstChunk().sequence[firstIndex()];
    }

    /** The first entry; the lane must not be empty. */
    Object firstEntry() {
        return firstChunk().entries[firstIndex()];
    }

    /** Removes the entries that {@code stale} rejects, keeping the order of the others. */
    void removeStale(TimerQueue.StaleEntries stale) {
        TimerLane kept = new TimerLane();
        forEachSlot((chunk, index) -> {
            if (!stale.isStale(chunk.entries[index], chunk.sequence[index])) {
                kept.add(chunk.when[index], chunk.sequence[index], chunk.entries[index]);
            }
        });
        clear();
        kept.forEachSlot((chunk, index) -> add(chunk.when[index], chunk.sequence[index], chunk.entries[index]));
    }
}
