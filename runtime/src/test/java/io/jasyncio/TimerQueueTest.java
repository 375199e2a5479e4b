// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The loop's timer queue against a plain sorted set: whatever mix of in-order and out-of-order
 * deadlines, removals and compactions, entries come out by deadline, then by the order they were
 * added.
 */
class TimerQueueTest {
    /** An entry as the reference model keeps it. */
    private record Entry(long when, long sequence, String name) {
    }

    private static final Comparator<Entry> DEADLINE_ORDER =
            Comparator.comparingLong(Entry::when).thenComparingLong(Entry::sequence);

    @Test
    void equalDeadlinesComeOutInTheOrderTheyWereAddedAcrossBothLanes() {
        TimerQueue queue = new TimerQueue();
        queue.add(10, "lane 10 first");
        queue.add(20, "lane 20");
        queue.add(10, "heap 10 second"); // before the lane's newest deadline: goes to the heap
        queue.add(5, "heap 5");
        queue.add(20, "lane 20 second");
        assertEquals(List.of("heap 5", "lane 10 first", "heap 10 second", "lane 20", "lane 20 second"), drain(queue));
    }

    @Test
    void anEmptiedLaneTakesNewEntriesWhateverTheHeapHolds() {
        TimerQueue queue = new TimerQueue();
        queue.add(10, "lane 10");
        queue.add(30, "lane 30");
        queue.add(20, "heap 20");
        assertEquals("lane 10", takeFirst(queue));
        assertEquals("heap 20", takeFirst(queue));
        assertEquals("lane 30", takeFirst(queue));
        queue.add(50, "heap 50");
        queue.add(40, "lane 40 after emptying");
        assertEquals(List.of("lane 40 after emptying", "heap 50"), drain(queue));
    }

    @Test
    void randomOperationsMatchASortedSet() {
        Random random = new Random(20261122);
        for (int round = 0; round < 200; round++) {
            TimerQueue queue = new TimerQueue();
            TreeSet<Entry> model = new TreeSet<>(DEADLINE_ORDER);
            List<String> taken = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            long clock = 0;
            for (int operation = 0; operation < 400; operation++) {
                int choice = random.nextInt(10);
                if (choice < 6) {
                    // mostly increasing deadlines, as sleeps and timeouts give, with some out of order
                    long when = clock + (random.nextInt(4) == 0 ? random.nextInt(50) : 50 + random.nextInt(5));
                    String name = "e" + operation;
                    long sequence = queue.add(when, name);
                    model.add(new Entry(when, sequence, name));
                    clock += random.nextInt(3);
                } else if (choice < 9 && !model.isEmpty()) {
                    Entry first = model.pollFirst();
                    assertEquals(first.when(), queue.firstWhen());
                    assertEquals(first.sequence(), queue.firstSequence());
                    taken.add(takeFirst(queue));
                    expected.add(first.name());
                } else {
                    long removedParity = random.nextInt(2);
                    queue.removeStale((entry, sequence) -> sequence % 3 == removedParity);
                    model.removeIf(entry -> entry.sequence() % 3 == removedParity);
                }
                assertEquals(model.size(), queue.size());
            }
            while (!model.isEmpty()) {
                expected.add(model.pollFirst().name());
                taken.add(takeFirst(queue));
            }
            assertEquals(expected, taken, "round " + round);
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void clearEmptiesBothLanes() {
        TimerQueue queue = new TimerQueue();
        for (int i = 0; i < 100; i++) {
            queue.add(100 - i % 7, "entry " + i);
        }
        queue.clear();
        assertTrue(queue.isEmpty());
        queue.add(3, "after clear");
        assertEquals(List.of("after clear"), drain(queue));
    }

    private static String takeFirst(TimerQueue queue) {
        return (String) queue.removeFirst();
    }

    private static List<String> drain(TimerQueue queue) {
        List<String> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(takeFirst(queue));
        }
        return order;
    }
}
