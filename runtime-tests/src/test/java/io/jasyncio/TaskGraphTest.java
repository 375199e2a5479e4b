// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Task graphs that CPython answers with {@code RecursionError}: two tasks awaiting each other, and a
 * chain of 100,000 tasks each awaiting the next. Describing them stays one short line, cancelling
 * them ends every task, and the runner's shutdown ends them too.
 */
class TaskGraphTest extends LoopTestSupport {
    private static final int CHAIN = 100_000;

    /** Awaits the task that {@code peer} is set to, tracing how it ends. */
    @Async
    Coroutine<String> awaitPeer(String name, Future<Task<String>> peer) {
        Task<String> other = await(peer);
        try {
            return result(await(other));
        } catch (CancelledError cancelled) {
            trace(name + " cancelled");
            throw cancelled;
        }
    }

    /** Awaits {@code next}, the next task of a chain. */
    @Async
    Coroutine<Integer> awaitNext(Awaitable<Integer> next) {
        return result(await(next) + 1);
    }

    /** Two tasks {@code a} and {@code b}, each awaiting the other once the loop has run them. */
    private static List<Task<String>> cycle(EventLoop loop, TaskGraphTest test) {
        Future<Task<String>> peerOfA = loop.createFuture();
        Future<Task<String>> peerOfB = loop.createFuture();
        Task<String> a = loop.createTask(test.awaitPeer("a", peerOfA), "a");
        Task<String> b = loop.createTask(test.awaitPeer("b", peerOfB), "b");
        peerOfA.setResult(b);
        peerOfB.setResult(a);
        return List.of(a, b);
    }

    @Test
    void tasksAwaitingEachOtherDescribeOneLevelOfAwaiting() throws Exception {
        runTest(loop -> {
            List<Task<String>> tasks = cycle(loop, this);
            runIterations(loop, 3);
            assertEquals("Task[pending name=a coro=TaskGraphTest.awaitPeer"
                    + " awaiting=Task[pending name=b coro=TaskGraphTest.awaitPeer]]", tasks.get(0).toString());
            assertEquals("[Task[pending name=a coro=TaskGraphTest.awaitPeer awaiting=Task[pending name=b coro=TaskGraphTest.awaitPeer]],"
                    + " Task[pending name=b coro=TaskGraphTest.awaitPeer awaiting=Task[pending name=a coro=TaskGraphTest.awaitPeer]]]",
                    Asyncio.allTasks(loop).toString());
            tasks.get(0).cancel();
            tasks.get(1).cancel();
            runIterations(loop, 5);
        });
        assertTrace("b cancelled", "a cancelled");
    }

    @Test
    void cancellingOneOfTwoTasksAwaitingEachOtherEndsBoth() throws Exception {
        runTest(loop -> {
            List<Task<String>> tasks = cycle(loop, this);
            runIterations(loop, 3);
            trace("cancel() -> " + tasks.get(0).cancel());
            trace("a " + tasks.get(0) + ", b " + tasks.get(1));
            runIterations(loop, 3);
            trace("a cancelled() " + tasks.get(0).cancelled() + " cancelling() " + tasks.get(0).cancelling()
                    + ", b cancelled() " + tasks.get(1).cancelled() + " cancelling() " + tasks.get(1).cancelling());
        });
        // b closes the cycle, so it gets the error at once; a gets it from b's ending.
        assertTrace("cancel() -> true",
                "a Task[cancelling name=a coro=TaskGraphTest.awaitPeer awaiting=Task[cancelling name=b coro=TaskGraphTest.awaitPeer]],"
                        + " b Task[cancelling name=b coro=TaskGraphTest.awaitPeer]",
                "b cancelled",
                "a cancelled",
                "a cancelled() true cancelling() 1, b cancelled() true cancelling() 1");
    }

    /** A main coroutine that makes a graph of tasks with {@code makeGraph}, lets them run, and returns, leaving them pending. */
    @Async
    Coroutine<String> leavesBehind(Consumer<EventLoop> makeGraph) {
        makeGraph.accept(Asyncio.getRunningLoop());
        await(sleep(0));
        await(sleep(0));
        trace("main returns with " + Asyncio.allTasks().size() + " tasks pending");
        return result("done");
    }

    @Test
    void theRunnerEndsTwoTasksAwaitingEachOther() {
        assertEquals("done", Asyncio.run(leavesBehind(loop -> cycle(loop, this))));
        assertTrace("main returns with 3 tasks pending", "b cancelled", "a cancelled");
    }

    /** The chain that {@link #theRunnerEndsAChainOf100000Tasks} leaves to the runner. */
    private List<Task<Integer>> leftBehind;

    @Test
    void theRunnerEndsAChainOf100000Tasks() {
        assertEquals("done", Asyncio.run(leavesBehind(loop -> leftBehind = chain(loop, loop.createFuture(), CHAIN))));
        assertTrace("main returns with " + (CHAIN + 1) + " tasks pending");
        assertEquals(CHAIN, leftBehind.stream().filter(task -> task.cancelled() && task.cancelling() == 1).count());
    }

    /** A chain of {@code length} tasks, each awaiting the next; the last awaits {@code end}. Returns them first to last. */
    private List<Task<Integer>> chain(EventLoop loop, Future<Integer> end, int length) {
        List<Task<Integer>> tasks = new ArrayList<>(length);
        Awaitable<Integer> next = end;
        for (int i = 0; i < length; i++) {
            Task<Integer> task = loop.createTask(awaitNext(next), "link-" + (length - 1 - i));
            tasks.add(task);
            next = task;
        }
        Collections.reverse(tasks);
        return tasks;
    }

    @Test
    void aChainOf100000TasksIsDescribedAndCancelledWithoutOverflow() throws Exception {
        runTest(loop -> {
            Future<Integer> end = loop.createFuture();
            List<Task<Integer>> tasks = chain(loop, end, CHAIN);
            runOnce(loop);
            assertEquals("Task[pending name=link-0 coro=TaskGraphTest.awaitNext"
                    + " awaiting=Task[pending name=link-1 coro=TaskGraphTest.awaitNext]]", tasks.get(0).toString());
            assertEquals(CHAIN, Asyncio.allTasks(loop).toString().split("awaiting=").length - 1);
            assertTrue(tasks.get(0).cancel("stop"));
            assertTrue(end.cancelled(), "the cancellation reached the future at the end of the chain");
            runIterations(loop, CHAIN + 1);
            int cancelled = 0;
            for (Task<Integer> task : tasks) {
                if (task.cancelled() && task.cancelling() == 1) {
                    cancelled++;
                }
            }
            assertEquals(CHAIN, cancelled);
            assertTrue(Asyncio.allTasks(loop).isEmpty());
        });
    }

    @Test
    void aChainOf100000TasksEndsWithItsResult() throws Exception {
        runTest(loop -> {
            Future<Integer> end = loop.createFuture();
            List<Task<Integer>> tasks = chain(loop, end, CHAIN);
            runOnce(loop);
            end.setResult(0);
            runIterations(loop, CHAIN + 1);
            assertEquals(CHAIN, tasks.get(0).result());
        });
    }
}
