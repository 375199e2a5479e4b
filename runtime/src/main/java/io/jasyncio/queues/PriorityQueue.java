// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} whose {@code get} returns the smallest item first, asyncio's {@code PriorityQueue}:
 * in natural order, or in the order of a {@link Comparator}. Waiting, wake-ups and {@code join} are
 * those of {@link Queue}.
 *
 * <p>The items are kept in a binary heap that sifts exactly as Python's {@code heapq} does, so items
 * that compare equal come out in the same order as in CPython (which is not the order they were
 * put: give them a sequence number, as Python programs put {@code (priority, count, item)}, when
 * that matters). Unlike {@link java.util.PriorityQueue}, it accepts items that are not
 * {@link Comparable} as long as a comparator is given; without one, putting such an item fails with
 * {@link ClassCastException} when it is compared, as Python raises {@code TypeError}.
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** An unbounded queue in the items' natural order. */
    public PriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded) in their natural order. */
    public PriorityQueue(int maxsize) {
        this(maxsize, naturalOrder());
    }

    /** An unbounded queue in the order of {@code comparator}. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded) in the order of {@code comparator}. */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new Heap<>(Objects.requireNonNull(comparator, "comparator")));
    }

    @SuppressWarnings("unchecked")
    private static <T> Comparator<T> naturalOrder() {
        return (a, b) -> ((Comparable<Object>) a).compareTo(b);
    }

    /**
     * A binary min-heap in a list, with the algorithms of Python's {@code heapq.heappush} and
     * {@code heappop}: the same comparisons in the same order, so the same order of equal items.
     */
    private static final class Heap<T> extends ListItems<T> {
        /** The list, in heap order: each item is no greater than its children at {@code 2i+1} and {@code 2i+2}. */
        private final ArrayList<T> heap = list;
        private final Comparator<? super T> comparator;

        Heap(Comparator<? super T> comparator) {
            this.comparator = comparator;
        }

        /** {@code heappush}: append, then move the item up to its place. */
        @Override
        public void add(T item) {
            heap.add(item);
            siftTowardsRoot(0, heap.size() - 1);
        }

        /** {@code heappop}: the root leaves; the last item fills its place and finds its own. */
        @Override
        public T take() {
            T last = heap.remove(heap.size() - 1);
            if (heap.isEmpty()) {
                return last;
            }
            T smallest = heap.get(0);
            heap.set(0, last);
            siftTowardsLeaves(0);
            return smallest;
        }

        /** {@code heapq._siftdown}: moves the item at {@code position} up while it is less than its parent, up to {@code start}. */
        private void siftTowardsRoot(int start, int position) {
            T item = heap.get(position);
            while (position > start) {
                int parentPosition = (position - 1) >> 1;
                T parent = heap.get(parentPosition);
                if (comparator.compare(item, parent) >= 0) {
                    break;
                }
                heap.set(position, parent);
                position = parentPosition;
            }
            heap.set(position, item);
        }

        /**
         * {@code heapq._siftup}: moves the smaller child up until a leaf is free, puts the item there,
         * then moves it back up to its place, which takes fewer comparisons than stopping on the way down.
         */
        private void siftTowardsLeaves(int position) {
            int end = heap.size();
            int start = position;
            T item = heap.get(position);
            int child = 2 * position + 1;
            while (child < end) {
                int right = child + 1;
                if (right < end && !(comparator.compare(heap.get(child), heap.get(right)) < 0)) {
                    child = right;
                }
                heap.set(position, heap.get(child));
                position = child;
                child = 2 * position + 1;
            }
            heap.set(position, item);
            siftTowardsRoot(start, position);
        }
    }
}
