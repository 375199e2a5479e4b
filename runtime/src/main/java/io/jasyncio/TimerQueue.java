// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The loop's timers, asyncio's {@code _scheduled} heap: entries ordered by deadline, then by the
 * order they were added. An entry is a {@link TimerHandle} ({@code callLater}, {@code callAt}) or a
 * {@link Task} sleeping until its deadline ({@code sleep(d)} parks the task itself, with no handle).
 *
 * <p>Two lanes hold the entries. Most timers are added in deadline order (every {@code sleep(1)} of a
 * loop ends after the one before it), so an entry whose deadline is not before the newest one of the
 * FIFO lane goes there, at O(1) to add and to take; the others go to a binary heap. The first entry
 * is the earlier of the two lanes' first ones. Deadlines, sequence numbers and entries sit in
 * parallel arrays ({@link TimerLane}'s are chunked), so that ordering reads no entry object and a
 * queued timer costs 20 bytes.
 *
 * <p>Entries are removed lazily, as asyncio does: a cancelled one stays until it comes first or the
 * loop compacts the queue with {@link #removeStale}. Loop thread only.
 */
final class TimerQueue {
    private static final int INITIAL_CAPACITY = 16;

    /** Tells whether an entry, with the sequence number it was added under, no longer counts. */
    interface StaleEntries {
        /** Whether the entry added as {@code sequence} is cancelled; the queue then drops it. */
        boolean isStale(Object entry, long sequence);
    }

    /** Counts entries as they are added: ties between equal deadlines go to the older entry. */
    private long nextSequence = 1;

    /** The FIFO lane, whose deadlines never decrease from first to last. */
    private final TimerLane lane = new TimerLane();

    /** The heap lane, a binary min-heap by (deadline, sequence) for entries that came out of order. */
    private long[] heapWhen = new long[INITIAL_CAPACITY];
    private long[] heapSequence = new long[INITIAL_CAPACITY];
    private Object[] heapEntry = new Object[INITIAL_CAPACITY];
    private int heapSize;

    /** Adds an entry due at {@code whenNanos} and returns its sequence number, unique in this queue. */
    long add(long whenNanos, Object entry) {
        long sequence = nextSequence++;
        if (lane.accepts(whenNanos)) {
            lane.add(whenNanos, sequence, entry);
        } else {
            pushToHeap(whenNanos, sequence, entry);
        }
        return sequence;
    }

    boolean isEmpty() {
        return lane.isEmpty() && heapSize == 0;
    }

    int size() {
        return lane.size() + heapSize;
    }

    /** The deadline of the first entry; the queue must not be empty. */
    long firstWhen() {
        return firstIsInLane() ? lane.firstWhen() : heapWhen[0];
    }

    /** The sequence number of the first entry; the queue must not be empty. */
    long firstSequence() {
        return firstIsInLane() ? lane.firstSequence() : heapSequence[0];
    }

    /** The first entry; the queue must not be empty. */
    Object firstEntry() {
        return firstIsInLane() ? lane.firstEntry() : heapEntry[0];
    }

    /** Removes the first entry and returns it; the queue must not be empty. */
    Object removeFirst() {
        return firstIsInLane() ? lane.removeFirst() : removeHeapTop();
    }

    /** Removes every entry that {@code stale} rejects, keeping the order of the others. */
    void removeStale(StaleEntries stale) {
        lane.removeStale(stale);
        int kept = 0;
        for (int i = 0; i < heapSize; i++) {
            if (!stale.isStale(heapEntry[i], heapSequence[i])) {
                heapWhen[kept] = heapWhen[i];
                heapSequence[kept] = heapSequence[i];
                heapEntry[kept++] = heapEntry[i];
            }
        }
        Arrays.fill(heapEntry, kept, heapSize, null);
        heapSize = kept;
        for (int parent = heapSize / 2 - 1; parent >= 0; parent--) {
            siftDown(parent);
        }
    }

    /** Gives every entry, stale ones included, to {@code action}, in no particular order. */
    void forEachEntry(Consumer<Object> action) {
        lane.forEachEntry(action);
        for (int i = 0; i < heapSize; i++) {
            action.accept(heapEntry[i]);
        }
    }

    /** Removes every entry. */
    void clear() {
        lane.clear();
        Arrays.fill(heapEntry, 0, heapSize, null);
        heapSize = 0;
    }

    private boolean firstIsInLane() {
        if (heapSize == 0) {
            return true;
        }
        if (lane.isEmpty()) {
            return false;
        }
        long laneFirst = lane.firstWhen();
        return laneFirst < heapWhen[0] || laneFirst == heapWhen[0] && lane.firstSequence() < heapSequence[0];
    }

    private void pushToHeap(long whenNanos, long sequence, Object entry) {
        if (heapSize == heapEntry.length) {
            heapWhen = Arrays.copyOf(heapWhen, heapSize * 2);
            heapSequence = Arrays.copyOf(heapSequence, heapSize * 2);
            heapEntry = Arrays.copyOf(heapEntry, heapSize * 2);
        }
        int child = heapSize++;
        while (child > 0) {
            int parent = (child - 1) / 2;
            if (!isBefore(whenNanos, sequence, heapWhen[parent], heapSequence[parent])) {
                break;
            }
            moveHeapSlot(parent, child);
            child = parent;
        }
        setHeapSlot(child, whenNanos, sequence, entry);
    }

    private Object removeHeapTop() {
        Object top = heapEntry[0];
        int last = --heapSize;
        if (last > 0) {
            moveHeapSlot(last, 0);
        }
        heapEntry[last] = null;
        if (last > 1) {
            siftDown(0);
        }
        return top;
    }

    /** Moves the entry at {@code slot} down until neither child comes before it. */
    private void siftDown(int slot) {
        long when = heapWhen[slot];
        long sequence = heapSequence[slot];
        Object entry = heapEntry[slot];
        int parent = slot;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= heapSize) {
                break;
            }
            int right = child + 1;
            if (right < heapSize && isBefore(heapWhen[right], heapSequence[right], heapWhen[child], heapSequence[child])) {
                child = right;
            }
            if (!isBefore(heapWhen[child], heapSequence[child], when, sequence)) {
                break;
            }
            moveHeapSlot(child, parent);
            parent = child;
        }
        setHeapSlot(parent, when, sequence, entry);
    }

    private void moveHeapSlot(int from, int to) {
        setHeapSlot(to, heapWhen[from], heapSequence[from], heapEntry[from]);
    }

    private void setHeapSlot(int slot, long when, long sequence, Object entry) {
        heapWhen[slot] = when;
        heapSequence[slot] = sequence;
        heapEntry[slot] = entry;
    }

    private static boolean isBefore(long when, long sequence, long otherWhen, long otherSequence) {
        return when < otherWhen || when == otherWhen && sequence < otherSequence;
    }
}
