// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.taskGroup;
import static io.jasyncio.Asyncio.timeout;
import static io.jasyncio.TestCoroutines.failsWhenCancelled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code taskGroup(body)}, asyncio 3.11's {@code async with TaskGroup()}: the spec's section 9. */
class TaskGroupTest extends LoopTestSupport {
    /** Where a test keeps its group to use it after the block. */
    private TaskGroup group;

    /** Sleeps {@code delay}, returns its name twice, and traces how it ends, with the loop time. */
    @Async
    Coroutine<String> child(String name, double delay) {
        trace(name + " starts");
        try {
            await(sleep(delay));
        } catch (CancelledError cancelled) {
            trace(name + " cancelled at " + now());
            throw cancelled;
        }
        trace(name + " ends at " + now());
        return result(name + name);
    }

    /** Fails with {@code failure} after {@code delay}. */
    @Async
    Coroutine<String> failing(double delay, RuntimeException failure) {
        await(sleep(delay));
        trace("failing throws at " + now());
        throw failure;
    }

    private static double now() {
        return getRunningLoop().time();
    }

    /** Runs a group whose body creates a task for each of {@code coroutines}, and returns what it throws. */
    private ExceptionGroup failureOfAGroupOf(Coroutine<?>... coroutines) {
        return assertThrows(ExceptionGroup.class, () -> runMain(taskGroup(tg -> {
            for (Coroutine<?> coroutine : coroutines) {
                tg.createTask(coroutine);
            }
            return result(null);
        })));
    }

    // ---------------------------------------------------------------------------------------------
    // The group waits for its tasks

    @Async
    Coroutine<String> spawnsFromATask() {
        await(taskGroup(tg -> {
            group = tg;
            tg.createTask(spawner(tg));
            return result(null);
        }));
        trace("group finished at " + now());
        try {
            group.createTask(child("late", 0));
        } catch (IllegalStateException refused) {
            trace(refused.getMessage());
        }
        return result("done");
    }

    @Async
    Coroutine<String> spawner(TaskGroup tg) {
        await(sleep(0.1));
        tg.createTask(child("spawned", 0.1));
        trace("spawner done");
        return result("spawner");
    }

    @Test
    void tasksOfTheGroupMayAddTasksAndAFinishedGroupRefusesNewOnes() throws Exception {
        runMain(spawnsFromATask());
        assertTrace("spawner done", "spawned starts", "spawned ends at 0.2", "group finished at 0.2",
                "TaskGroup TaskGroup[entered] is finished");
    }

    @Test
    void bodyValueIsTheValueOfTheBlock() throws Exception {
        assertEquals("value", runMain(taskGroup(tg -> result("value"))));
    }

    // ---------------------------------------------------------------------------------------------
    // Failures

    @Async
    Coroutine<String> childFails(IllegalStateException failure) {
        try {
            await(taskGroup(tg -> {
                tg.createTask(child("sibling", 10));
                tg.createTask(failing(0.1, failure));
                try {
                    await(sleep(10));
                } catch (CancelledError cancelled) {
                    trace("body cancelled at " + now());
                    throw cancelled;
                }
                return result("unreached");
            }));
        } catch (ExceptionGroup group) {
            trace("caught " + group.getMessage() + ", cancelling() = " + currentTask().cancelling());
            assertEquals(List.of(failure), group.exceptions());
            assertNull(group.getCause(), "raise ... from None");
        }
        await(sleep(1));
        return result("went on at " + now());
    }

    @Test
    void failingTaskCancelsTheOthersAndTheBodyThenTheGroupThrowsItsError() throws Exception {
        assertEquals("went on at 1.1", runMain(childFails(new IllegalStateException("child failed"))));
        assertTrace("sibling starts", "failing throws at 0.1", "sibling cancelled at 0.1", "body cancelled at 0.1",
                "caught unhandled errors in a TaskGroup (1 sub-exception), cancelling() = 0");
    }

    @Async
    Coroutine<String> slowCleanup(String name) {
        try {
            await(sleep(10));
            return result("unreached");
        } finally {
            await(sleep(0.5));
            trace(name + " cleaned up at " + now());
        }
    }

    @Test
    void groupWaitsForTheCleanupOfCancelledTasksBeforeThrowing() throws Exception {
        IllegalStateException failure = new IllegalStateException("x");
        ExceptionGroup group = failureOfAGroupOf(slowCleanup("slow"), failing(0.1, failure));
        assertEquals(List.of(failure), group.exceptions());
        assertTrace("failing throws at 0.1", "slow cleaned up at 0.6");
    }

    @Test
    void tasksFailingInTheSameIterationAreAllRecorded() throws Exception {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        ExceptionGroup group = failureOfAGroupOf(failing(0.1, first), failing(0.1, second));
        assertEquals(List.of(first, second), group.exceptions());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", group.getMessage());
    }

    @Test
    void failureOfTheBodyComesAfterTheTasksFailures() throws Exception {
        IllegalStateException taskFailure = new IllegalStateException("task");
        IllegalArgumentException bodyFailure = new IllegalArgumentException("body");
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> runMain(taskGroup(tg -> {
            tg.createTask(failing(0, taskFailure));
            try {
                await(sleep(10));
            } catch (CancelledError cancelled) {
                throw bodyFailure;
            }
            return result(null);
        })));
        assertEquals(List.of(taskFailure, bodyFailure), group.exceptions());
    }

    @Test
    void failureOfTheBodyAloneCancelsTheTasks() throws Exception {
        IllegalArgumentException bodyFailure = new IllegalArgumentException("body");
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> runMain(taskGroup(tg -> {
            tg.createTask(child("task", 10));
            await(sleep(0.5));
            throw bodyFailure;
        })));
        assertEquals(List.of(bodyFailure), group.exceptions());
        assertTrace("task starts", "task cancelled at 0.5");
    }

    @Test
    void errorsOfTasksWhileBeingCancelledAreIncluded() throws Exception {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException whileCancelled = new IllegalArgumentException("while cancelled");
        ExceptionGroup group = failureOfAGroupOf(failsWhenCancelled(whileCancelled), failing(0.1, first));
        assertEquals(List.of(first, whileCancelled), group.exceptions());
    }

    @Test
    void nestedGroupsNestTheirExceptionGroups() throws Exception {
        IllegalStateException inner = new IllegalStateException("inner");
        ExceptionGroup outer = assertThrows(ExceptionGroup.class, () -> runMain(taskGroup(outerGroup -> {
            outerGroup.createTask(taskGroup(innerGroup -> {
                innerGroup.createTask(failing(0.1, inner));
                return result("unreached");
            }));
            return result(null);
        })));
        ExceptionGroup nested = assertInstanceOf(ExceptionGroup.class, outer.exceptions().get(0));
        assertEquals(List.of(inner), nested.exceptions());
        assertEquals(1, outer.exceptions().size());
    }

    @Async
    Coroutine<String> createsWhileAborting(IllegalStateException failure) {
        return taskGroup(tg -> {
            tg.createTask(failing(0, failure));
            try {
                await(sleep(10));
            } catch (CancelledError cancelled) {
                try {
                    tg.createTask(child("too late", 0));
                } catch (IllegalStateException refused) {
                    trace(refused.getMessage());
                }
                throw cancelled;
            }
            return result(null);
        });
    }

    @Test
    void groupThatIsCancellingItsTasksRefusesNewOnes() throws Exception {
        assertThrows(ExceptionGroup.class, () -> runMain(createsWhileAborting(new IllegalStateException("x"))));
        assertTrace("failing throws at 0.0", "TaskGroup TaskGroup[errors=1 cancelling] is shutting down");
    }

    // ---------------------------------------------------------------------------------------------
    // Cancellation from outside, and timeouts

    @Async
    Coroutine<String> groupOfSleepers() {
        return taskGroup(tg -> {
            tg.createTask(child("a", 10));
            tg.createTask(child("b", 20));
            await(sleep(30));
            return result("unreached");
        });
    }

    @Test
    void cancellationFromOutsideCancelsTheTasksAndPropagatesOnceTheyEnded() throws Exception {
        runTest(loop -> {
            Task<String> parent = loop.createTask(groupOfSleepers());
            loop.callLater(1, () -> parent.cancel("from outside"));
            CancelledError cancelled = assertThrows(CancelledError.class, () -> loop.runUntilComplete(parent));
            assertEquals("from outside", cancelled.getMessage());
            assertTrue(parent.cancelled());
        });
        assertTrace("a starts", "b starts", "a cancelled at 1.0", "b cancelled at 1.0");
    }

    @Async
    Coroutine<String> groupWithAFailureOnCancel(RuntimeException failure) {
        return taskGroup(tg -> {
            tg.createTask(failsWhenCancelled(failure));
            await(sleep(30));
            return result("unreached");
        });
    }

    @Test
    void errorsOfTheTasksTakePriorityOverACancellationFromOutside() throws Exception {
        IllegalStateException failure = new IllegalStateException("on cancel");
        runTest(loop -> {
            Task<String> parent = loop.createTask(groupWithAFailureOnCancel(failure));
            loop.callLater(1, parent::cancel);
            ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(parent));
            assertEquals(List.of(failure), group.exceptions());
        });
    }

    @Async
    Coroutine<String> externalCancelWhileWaitingForTheTasks() {
        return taskGroup(tg -> {
            tg.createTask(child("a", 10));
            trace("body ends");
            return result("body value");
        });
    }

    @Test
    void cancellationWhileTheGroupWaitsForItsTasksCancelsThemAndPropagates() throws Exception {
        runTest(loop -> {
            Task<String> parent = loop.createTask(externalCancelWhileWaitingForTheTasks());
            loop.callLater(1, parent::cancel);
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(parent));
        });
        assertTrace("body ends", "a starts", "a cancelled at 1.0");
    }

    @Test
    void groupInsideATimeoutEndsWithTheTimeout() throws Exception {
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> runMain(timeout(1, () -> groupOfSleepers())));
        assertInstanceOf(CancelledError.class, timeout.getCause());
        assertTrace("a starts", "b starts", "a cancelled at 1.0", "b cancelled at 1.0");
    }

    @Test
    void timeoutOfATaskIsAnOrdinaryErrorOfTheGroup() throws Exception {
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> runMain(taskGroup(tg -> {
            tg.createTask(child("other", 10));
            tg.createTask(timeout(0.1, () -> child("timed", 10)));
            return result(null);
        })));
        assertEquals(1, group.exceptions().size());
        assertInstanceOf(TimeoutException.class, group.exceptions().get(0));
        assertTrace("other starts", "timed starts", "timed cancelled at 0.1", "other cancelled at 0.1");
    }

    @Test
    void toStringShowsTasksErrorsAndState() throws Exception {
        runMain(taskGroup(tg -> {
            tg.createTask(child("a", 1));
            trace(tg.toString());
            return result(null);
        }));
        assertTrace("TaskGroup[tasks=1 entered]", "a starts", "a ends at 1.0");
    }
}
