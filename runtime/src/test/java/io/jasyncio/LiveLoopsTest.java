// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.graph.FutureCallGraph;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What {@code ps} and {@code pstree} get from a JVM: each running loop answers on its own thread; a
 * loop whose thread is stuck in a callback is reported blocked, with that thread's stack, after the
 * timeout rather than never.
 */
class LiveLoopsTest {
    /** Runs {@code loop} on a new thread named {@code name} until {@link EventLoop#stop}. */
    private static Thread runOnThread(EventLoop loop, String name) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread thread = new Thread(loop::runForever, name);
        thread.start();
        running.await();
        return thread;
    }

    /** The lines of {@code report} about the loop on {@code thread}: its heading and what follows, up to the next loop. */
    private static List<String> section(String report, Thread thread) {
        List<String> lines = report.lines().toList();
        String heading = "Loop on thread " + thread.getName() + " (id " + thread.getId() + ")";
        int start = 0;
        while (start < lines.size() && !lines.get(start).startsWith(heading)) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("Loop on thread ")) {
            end++;
        }
        return lines.subList(Math.min(start, lines.size()), Math.min(end, lines.size()));
    }

    @Test
    void aBlockedLoopIsReportedBlockedWithItsThreadsStack() throws Exception {
        EventLoop loop = new EventLoop();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        Thread thread = runOnThread(loop, "blocked-loop");
        loop.callSoonThreadsafe(() -> {
            blocking.countDown();
            awaitQuietly(release); // the callback that blocks
        });
        blocking.await();
        try {
            List<String> section = section(LiveLoops.report("pstree", 200), thread);
            assertEquals("Loop on thread blocked-loop (id " + thread.getId() + ") is blocked: it did not answer in time;"
                    + " a callback or task step that does not return holds its thread, whose Java stack is:", section.get(0));
            assertTrue(section.stream().anyMatch(line -> line.startsWith("\tat ") && line.contains(
                    LiveLoopsTest.class.getName() + ".lambda$aBlockedLoopIsReportedBlockedWithItsThreadsStack$")),
                    String.join("\n", section));
        } finally {
            release.countDown();
            loop.callSoonThreadsafe(loop::stop);
            thread.join();
            loop.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRunningLoopListsItsTasksOnItsOwnThread() throws Exception {
        EventLoop loop = new EventLoop();
        Thread thread = runOnThread(loop, "sleeper-loop");
        CountDownLatch created = new CountDownLatch(1);
        Task<?>[] sleeper = new Task<?>[1];
        loop.callSoonThreadsafe(() -> {
            sleeper[0] = loop.createTask(Asyncio.sleep(3600), "sleeper");
            created.countDown();
        });
        created.await();
        try {
            String table = LiveLoops.report("ps", 5000);
            assertTrue(table.startsWith("thread"), table);
            List<String> rows = table.lines().filter(row -> row.startsWith("sleeper-loop ")).toList();
            assertEquals(List.of("sleeper-loop | " + FutureCallGraph.idOf(sleeper[0]) + " | sleeper | Sleep.sleep"),
                    rows.stream().map(row -> row.replaceAll("  +", " | ")).toList(), table);
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            thread.join();
            loop.close();
        }
    }
}
