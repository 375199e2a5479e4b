// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.GarbageCollection.collectUntil;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code allTasks()}: the pending tasks of a loop, those waiting on futures held weakly as asyncio holds them. */
class AllTasksTest extends LoopTestSupport {
    @Test
    void allTasksListsThePendingTasksOfTheLoopInCreationOrder() throws Exception {
        runTest(loop -> {
            Task<Void> done = loop.createTask(sleep(0), "done");
            Task<Void> first = loop.createTask(sleep(1), "first");
            Task<Void> second = loop.createTask(sleep(2), "second");
            EventLoop other = new EventLoop(new FakeClock());
            Task<Void> ofAnotherLoop = other.createTask(sleep(0));
            runIterations(loop, 2);
            assertEquals(Set.of(first, second), Asyncio.allTasks(loop));
            assertEquals(List.of(first, second), new ArrayList<>(Asyncio.allTasks(loop)));
            loop.runUntilComplete(first);
            assertEquals(Set.of(second), Asyncio.allTasks(loop));
            loop.runUntilComplete(second);
            assertEquals(Set.of(), Asyncio.allTasks(loop));
            other.runUntilComplete(ofAnotherLoop);
            other.close();
            assertTrue(done.done());
        });
    }

    /**
     * A pending task is in the ready queue, in the timer queue or among a future's callbacks; the
     * loop finds it in each, and the tasks come out in creation order whatever their places.
     */
    @Test
    void allTasksFindsTasksWhereverTheyWaitInCreationOrder() throws Exception {
        runTest(loop -> {
            Future<Object> future = loop.createFuture();
            Task<Object> waiting = loop.createTask(coroutine(awaited -> future), "waiting");
            Task<Void> sleeping = loop.createTask(sleep(5), "sleeping");
            Task<Object> yielding = loop.createTask(coroutine(awaited -> sleep(0), awaited -> Asyncio.result("yielded")), "yielding");
            runOnce(loop);
            Task<Void> fresh = loop.createTask(sleep(0), "fresh");
            assertEquals(List.of("waiting", "sleeping", "yielding", "fresh"),
                    Asyncio.allTasks(loop).stream().map(Task::getName).toList());
            future.setResult("set");
            loop.runUntilComplete(sleeping);
            assertEquals(List.of("set", "yielded"), List.of(waiting.result(), yielding.result()));
            assertTrue(fresh.done());
        });
    }

    /**
     * Named and unnamed tasks interleaved, and another loop taking task numbers in between: the
     * order is still the order of creation (unnamed tasks are numbered by a counter of the whole
     * process, named ones ordered after the number taken before them).
     */
    @Test
    void namedAndUnnamedTasksComeOutInCreationOrderWhateverOtherLoopsNumber() throws Exception {
        runTest(loop -> {
            EventLoop other = new EventLoop(new FakeClock());
            List<Task<Void>> created = new ArrayList<>();
            List<Task<Void>> ofTheOtherLoop = new ArrayList<>();
            created.add(loop.createTask(sleep(1), "a"));
            created.add(loop.createTask(sleep(1), "b"));
            created.add(loop.createTask(sleep(1)));
            created.add(loop.createTask(sleep(1), "c"));
            ofTheOtherLoop.add(other.createTask(sleep(0)));
            created.add(loop.createTask(sleep(1), "d"));
            created.add(loop.createTask(sleep(1)));
            ofTheOtherLoop.add(other.createTask(sleep(0)));
            created.add(loop.createTask(sleep(1)));
            created.add(loop.createTask(sleep(1), "e"));
            created.get(0).setName("renamed");
            runOnce(loop);
            assertEquals(created, new ArrayList<>(Asyncio.allTasks(loop)));
            for (Task<Void> task : ofTheOtherLoop) {
                other.runUntilComplete(task);
            }
            other.close();
            for (Task<Void> task : created) {
                loop.runUntilComplete(task);
            }
        });
    }

    @Test
    void allTasksFromATaskIncludesItself() throws Exception {
        runTest(loop -> {
            Task<?> main = loop.createTask(coroutine(awaited -> Asyncio.result(Asyncio.allTasks())));
            assertEquals(Set.of(main), loop.runUntilComplete(main));
        });
    }

    @Test
    void manyFinishedTasksAreSweptOutOfTheRegistry() throws Exception {
        runTest(loop -> {
            for (int i = 0; i < 1000; i++) {
                loop.runUntilComplete(loop.createTask(sleep(0)));
            }
            Task<Void> last = loop.createTask(sleep(0));
            assertEquals(Set.of(last), Asyncio.allTasks(loop));
            loop.runUntilComplete(last);
        });
    }

    /**
     * As in asyncio, a task that waits on a future nobody else has can be collected, and the loop
     * then reports it to the exception handler in its next iteration.
     */
    @Test
    void aPendingTaskThatNothingReferencesCanBeCollectedAndIsReported() throws Exception {
        List<Map<String, Object>> reports = new ArrayList<>();
        runTest(loop -> {
            loop.setExceptionHandler((ignored, context) -> reports.add(context));
            WeakReference<Task<?>> forgotten = startTaskWaitingForAFutureNobodyHas(loop, "forgotten");
            collectUntil("the forgotten task to be collected", () -> forgotten.get() == null);
            assertEquals(Set.of(), Asyncio.allTasks(loop));
            collectUntil("the loop to report the forgotten task", () -> {
                runOnce(loop);
                return !reports.isEmpty();
            });
        });
        assertEquals(List.of(Map.of("message", "Task was destroyed but it is pending!",
                "task", "Task[pending name=forgotten coro=HandWovenCoroutine]")), reports);
    }

    /** A task that ended is not reported when it is collected, however long it waited on a future. */
    @Test
    void aTaskThatEndedIsNotReportedWhenCollected() throws Exception {
        runTest(loop -> {
            WeakReference<Task<?>> finished = runTaskThatWaitedOnAFuture(loop);
            collectUntil("the finished task to be collected", () -> finished.get() == null);
            runIterations(loop, 3);
        }); // runTest's exception handler fails the test on any report
    }

    private static WeakReference<Task<?>> runTaskThatWaitedOnAFuture(EventLoop loop) throws Exception {
        Future<Object> future = loop.createFuture();
        Task<Object> task = loop.createTask(coroutine(awaited -> future, awaited -> Asyncio.result(awaited)));
        runOnce(loop);
        future.setResult("done");
        assertEquals("done", loop.runUntilComplete(task));
        return new WeakReference<>(task);
    }

    private static WeakReference<Task<?>> startTaskWaitingForAFutureNobodyHas(EventLoop loop, String name) {
        Task<Object> task = loop.createTask(coroutine(awaited -> loop.createFuture()), name);
        runOnce(loop);
        assertEquals(Set.of(task), Asyncio.allTasks(loop));
        return new WeakReference<>(task);
    }

    /** While an eager task's first step runs, its creator is pending too, though in no queue. */
    @Test
    void theCreatorOfAnEagerTaskIsPendingWhileTheTasksFirstStepRuns() throws Exception {
        runTest(loop -> {
            loop.setEagerTasks(true);
            loop.runUntilComplete(loop.createTask(coroutine(
                    awaited -> Asyncio.createTask(coroutine(childAwaited -> {
                        trace("all tasks in the child's eager step: "
                                + Asyncio.allTasks().stream().map(Task::getName).toList());
                        return Asyncio.result("x");
                    }), "child")), "creator"));
        });
        assertTrace("all tasks in the child's eager step: [creator, child]");
    }

    /** As asyncio's gather sets {@code _log_destroy_pending = False} on the tasks it makes, they are never reported. */
    @Test
    void aTaskThatGatherMadeIsNotReportedWhenCollectedPending() throws Exception {
        runTest(loop -> {
            List<WeakReference<Task<?>>> made = new ArrayList<>();
            loop.runUntilComplete(coroutine(awaited -> {
                Asyncio.gather(coroutine(childAwaited -> loop.createFuture()));
                made.add(new WeakReference<>(Asyncio.allTasks().stream()
                        .filter(task -> task != Asyncio.currentTask()).findFirst().orElseThrow()));
                return sleep(0);
            }));
            runOnce(loop);
            collectUntil("the gathered task to be collected", () -> made.get(0).get() == null);
            runIterations(loop, 3);
        }); // runTest's exception handler fails the test on any report
    }
}
