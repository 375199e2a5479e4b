// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.queues;

/**
 * A last-in, first-out {@link Queue}: {@code get} returns the item put most recently, asyncio's
 * {@code LifoQueue}. Waiting, wake-ups and {@code join} are those of {@link Queue}.
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /** A stack that holds at most {@code maxsize} items; zero or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, new Stack<>());
    }

    /** The items in the order they were put; the last is taken first. */
    private static final class Stack<T> extends ListItems<T> {
        @Override
        public void add(T item) {
            list.add(item);
        }

        @Override
        public T take() {
            return list.remove(list.size() - 1);
        }
    }
}
