// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tasks driving the runtime's own coroutines ({@code sleep}, {@code result}) and hand-woven ones:
 * creation, steps, awaiting, cancellation and names.
 */
class TaskTest extends LoopTestSupport {
    private static final Pattern DEFAULT_NAME = Pattern.compile("Task-([1-9][0-9]*)");

    // ---------------------------------------------------------------------------------------------
    // Creation and steps

    @Test
    void createTaskRunsNothingUntilTheNextIteration() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                Task<String> task = loop.createTask(coroutine(awaited -> {
                    trace("first step");
                    return result("x");
                }));
                trace("createTask returned, done: " + task.done());
                task.addDoneCallback(done -> trace("result: " + done.result()));
            });
            runTracingIterations(loop, 3);
        });
        assertTrace(
                "--- iteration 1", "createTask returned, done: false",
                "--- iteration 2", "first step",
                "--- iteration 3", "result: x");
    }

    @Test
    void firstStepsRunInCreationOrderInterleavedWithCallbacks() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> trace("callback 1"));
            loop.createTask(coroutine(awaited -> {
                trace("task 1");
                return null;
            }));
            loop.callSoon(() -> trace("callback 2"));
            loop.createTask(coroutine(awaited -> {
                trace("task 2");
                return null;
            }));
            runOnce(loop);
        });
        assertTrace("callback 1", "task 1", "callback 2", "task 2");
    }

    @Test
    void taskFinishesWithTheValueItsCoroutineReturns() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(coroutine(awaited -> sleep(0), awaited -> result("value")));
            assertEquals("value", loop.runUntilComplete(task));
            assertNull(task.exception());
            assertFalse(task.cancelled());
        });
    }

    @Test
    void taskFailsWithTheExceptionItsCoroutineThrew() throws Exception {
        IllegalStateException failure = new IllegalStateException("failed in the second step");
        runTest(loop -> {
            Task<String> task = loop.createTask(coroutine(awaited -> sleep(0), awaited -> {
                throw failure;
            }));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task)));
            assertSame(failure, task.exception());
            assertFalse(task.cancelled());
        });
    }

    @Test
    void currentTaskIsTheSteppingTaskAndNullInPlainCallbacks() throws Exception {
        runTest(loop -> {
            loop.createTask(coroutine(awaited -> {
                trace("in its step: " + loop.currentTask().getName());
                return null;
            }), "worker");
            loop.callSoon(() -> trace("in a callback: " + loop.currentTask()));
            runOnce(loop);
            trace("outside the loop: " + loop.currentTask());
        });
        assertTrace("in its step: worker", "in a callback: null", "outside the loop: null");
    }

    // ---------------------------------------------------------------------------------------------
    // Names

    @Test
    void defaultNamesCountUpAndAGivenNameTakesNoNumber() throws Exception {
        runTest(loop -> {
            Task<Void> first = loop.createTask(sleep(0));
            Task<Void> named = loop.createTask(sleep(0), "worker");
            Task<Void> second = loop.createTask(sleep(0));
            String secondName = second.getName(); // read first: a number is taken at creation, not when read
            assertEquals("worker", named.getName());
            assertEquals("Task-" + (defaultNumber(first) + 1), secondName);
            named.setName("renamed");
            assertEquals("renamed", named.getName());
            runIterations(loop, 2);
        });
    }

    private static long defaultNumber(Task<?> task) {
        Matcher matcher = DEFAULT_NAME.matcher(task.getName());
        assertTrue(matcher.matches(), task.getName());
        return Long.parseLong(matcher.group(1));
    }

    // ---------------------------------------------------------------------------------------------
    // Awaiting

    /** The spec's iteration costs: a future resolved in iteration k resumes its awaiter in k + 1. */
    @Test
    void taskAwaitingAFutureResumesInTheIterationAfterItIsResolved() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.createTask(coroutine(
                    awaited -> {
                        trace("awaiting the future");
                        return future;
                    },
                    awaited -> {
                        trace("resumed with " + awaited);
                        return null;
                    }));
            loop.callSoon(() -> loop.callSoon(() -> {
                trace("setResult");
                future.setResult("value");
            }));
            runTracingIterations(loop, 4);
        });
        assertTrace(
                "--- iteration 1", "awaiting the future",
                "--- iteration 2", "setResult",
                "--- iteration 3", "resumed with value",
                "--- iteration 4");
    }

    @Test
    void exceptionOfTheAwaitedFutureIsThrownAtTheAwait() throws Exception {
        IllegalStateException failure = new IllegalStateException("from the future");
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<Object> task = loop.createTask(coroutine(awaited -> future, this::unreachable));
            loop.callSoon(() -> future.setException(failure));
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task)));
        });
    }

    /** The spec's iteration costs: awaiting a new task resumes two iterations later (its step, then the wake-up). */
    @Test
    void taskAwaitingAFreshTaskResumesTwoIterationsLater() throws Exception {
        runTest(loop -> {
            loop.createTask(coroutine(
                    awaited -> {
                        trace("outer creates inner");
                        return loop.createTask(coroutine(inner -> {
                            trace("inner runs");
                            return result(42);
                        }));
                    },
                    awaited -> {
                        trace("outer resumed with " + awaited);
                        return null;
                    }));
            runTracingIterations(loop, 3);
        });
        assertTrace(
                "--- iteration 1", "outer creates inner",
                "--- iteration 2", "inner runs",
                "--- iteration 3", "outer resumed with 42");
    }

    @Test
    void taskCannotAwaitItself() throws Exception {
        runTest(loop -> {
            Task<Object> task = loop.createTask(coroutine(awaited -> loop.currentTask()));
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
            assertTrue(error.getMessage().startsWith("Task cannot await on itself: "), error.getMessage());
        });
    }

    @Test
    void taskCannotAwaitAFutureOfAnotherLoop() throws Exception {
        runTest(loop -> {
            Future<String> foreign = new EventLoop(new FakeClock()).createFuture();
            Task<Object> task = loop.createTask(coroutine(awaited -> foreign));
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
            assertTrue(error.getMessage().endsWith("attached to a different loop"), error.getMessage());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Cancellation

    @Test
    void cancelledSleepingTaskIsCancelledOnlyOnceTheCancelledErrorEscapes() throws Exception {
        runTest(loop -> {
            Task<Void> task = loop.createTask(sleep(10));
            runOnce(loop);
            assertTrue(task.cancel());
            assertFalse(task.cancelled());
            assertFalse(task.done());
            assertEquals(1, task.cancelling());
            runOnce(loop);
            assertTrue(task.cancelled());
            assertThrows(CancelledError.class, task::result);
            assertThrows(CancelledError.class, task::exception);
            assertEquals(0.0, loop.time(), "the cancelled sleep waited for its timer");
        });
    }

    @Test
    void cancelledTaskIsCancelledWhileItsStepIsQueuedAfterABareYield() throws Exception {
        runTest(loop -> {
            Task<Void> task = loop.createTask(coroutine(awaited -> sleep(0), this::unreachable));
            runOnce(loop);
            assertTrue(task.cancel());
            assertFalse(task.cancelled());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
    }

    /**
     * Spec rule 8 with 3.11's {@code _make_cancelled_error}: the error that ended the coroutine, with
     * its message, goes to the first reader (here the awaiter, which ends with that very error); later
     * readers get a new error without message.
     */
    @Test
    void cancelMessageReachesTheAwaiterThroughTheErrorThatEndedTheTask() throws Exception {
        runTest(loop -> {
            Task<Void> sleeper = loop.createTask(sleep(10));
            Task<Object> awaiter = loop.createTask(coroutine(awaited -> sleeper));
            runOnce(loop);
            assertTrue(sleeper.cancel("enough"));
            runIterations(loop, 2);
            assertTrue(awaiter.cancelled());
            assertEquals("enough", assertThrows(CancelledError.class, awaiter::result).getMessage());
            assertNull(assertThrows(CancelledError.class, sleeper::result).getMessage(), "read before, by the awaiter");
        });
    }

    @Test
    void uncancelTakesBackOneRequestAndNeverGoesBelowZero() throws Exception {
        runTest(loop -> {
            Task<Void> task = loop.createTask(sleep(10));
            runOnce(loop);
            task.cancel();
            task.cancel();
            assertEquals(1, task.uncancel());
            assertEquals(0, task.uncancel());
            assertEquals(0, task.uncancel());
            runOnce(loop);
            assertTrue(task.cancelled(), "uncancel() does not stop a cancellation on its way");
        });
    }

    @Test
    void cancellingATaskCancelsTheFutureItAwaits() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<Object> task = loop.createTask(coroutine(awaited -> future));
            runOnce(loop);
            assertTrue(task.cancel("stop waiting"));
            assertTrue(future.cancelled());
            assertEquals("stop waiting", assertThrows(CancelledError.class, future::result).getMessage());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
    }

    /** Spec section 4.3: a cancel that arrives after the awaited future is done loses the result. */
    @Test
    void cancelAfterTheAwaitedFutureIsDoneLosesItsResult() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            Task<Object> task = loop.createTask(coroutine(awaited -> future, this::unreachable));
            runOnce(loop);
            future.setResult("lost");
            assertTrue(task.cancel());
            assertFalse(future.cancelled());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
    }

    @Test
    void cancelBeforeTheFirstStepCancelsWithoutRunningTheBody() throws Exception {
        runTest(loop -> {
            Task<Object> task = loop.createTask(coroutine(this::unreachable));
            assertTrue(task.cancel());
            assertFalse(task.cancelled());
            runOnce(loop);
            assertTrue(task.cancelled());
        });
    }

    @Test
    void cancellingCountsRequestsThatEndInOneCancellation() throws Exception {
        runTest(loop -> {
            Task<Void> sleeping = loop.createTask(sleep(10));
            runOnce(loop);
            Task<Object> notStarted = loop.createTask(coroutine(this::unreachable));
            for (Task<?> task : List.of(notStarted, sleeping)) {
                assertTrue(task.cancel());
                assertTrue(task.cancel());
                assertEquals(2, task.cancelling());
            }
            runOnce(loop);
            assertTrue(notStarted.cancelled());
            assertTrue(sleeping.cancelled());
        });
    }

    @Test
    void cancelOfADoneTaskReturnsFalse() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(coroutine(awaited -> result("kept")));
            runOnce(loop);
            assertFalse(task.cancel());
            assertEquals(0, task.cancelling());
            assertEquals("kept", task.result());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // What a task refuses

    @Test
    void taskRefusesSetResultAndSetException() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(sleep(0, "own result"));
            IllegalStateException setResult = assertThrows(IllegalStateException.class, () -> task.setResult("x"));
            assertEquals("Task does not support set_result operation", setResult.getMessage());
            IllegalStateException setException = assertThrows(IllegalStateException.class,
                    () -> task.setException(new IllegalStateException("x")));
            assertEquals("Task does not support set_exception operation", setException.getMessage());
            assertEquals("own result", loop.runUntilComplete(task));
        });
    }

    @Test
    void coroutineCannotBeWrappedInTwoTasks() throws Exception {
        runTest(loop -> {
            Coroutine<String> coroutine = sleep(0, "once");
            Task<String> task = loop.createTask(coroutine);
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.createTask(coroutine));
            assertEquals("cannot reuse already awaited coroutine", error.getMessage());
            assertEquals("once", loop.runUntilComplete(task));
        });
    }

    /** A step that fails the test if it runs. */
    private Awaitable<?> unreachable(Object awaited) {
        expectUnreached();
        return null;
    }
}
