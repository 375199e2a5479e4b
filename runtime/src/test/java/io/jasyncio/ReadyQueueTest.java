// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loop's chunked ready queue against {@link ArrayDeque}, across chunk boundaries and emptyings. */
class ReadyQueueTest {
    @Test
    void randomAddsAndPollsMatchAnArrayDeque() {
        Random random = new Random(20261122);
        ReadyQueue queue = new ReadyQueue();
        ArrayDeque<Object> model = new ArrayDeque<>();
        List<Object> taken = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (int operation = 0; operation < 50_000; operation++) {
            // bursts of adds (up to several chunks), then bursts of polls, sometimes down to empty
            int burst = random.nextInt(random.nextInt(10) == 0 ? 3000 : 20);
            if (random.nextBoolean()) {
                for (int i = 0; i < burst; i++) {
                    Integer entry = operation * 10_000 + i;
                    queue.append(entry);
                    model.addLast(entry);
                }
            } else {
                for (int i = 0; i < burst && !model.isEmpty(); i++) {
                    taken.add(queue.removeFirst());
                    expected.add(model.pollFirst());
                }
            }
            assertEquals(model.size(), queue.size());
            assertEquals(model.isEmpty(), queue.isEmpty());
        }
        List<Object> listed = new ArrayList<>();
        queue.forEachEntry(listed::add);
        assertEquals(new ArrayList<>(model), listed);
        assertEquals(expected, taken);
    }

    @Test
    void clearEmptiesTheQueue() {
        ReadyQueue queue = new ReadyQueue();
        for (int i = 0; i < 2000; i++) {
            queue.append(i);
        }
        queue.clear();
        assertTrue(queue.isEmpty());
        queue.append("after");
        assertEquals("after", queue.removeFirst());
    }
}
