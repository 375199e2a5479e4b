// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The 3.12 eager task factory, as an option of the loop: a new task's first step runs inside createTask. */
class EagerTasksTest extends LoopTestSupport {
    @Test
    void eagerTasksAreOffByDefault() {
        assertFalse(new EventLoop(new FakeClock()).getEagerTasks());
    }

    @Test
    void theFirstStepRunsInsideCreateTaskAsTheCurrentTaskThenTheCreatorIsCurrentAgain() throws Exception {
        runTest(loop -> {
            loop.setEagerTasks(true);
            loop.runUntilComplete(loop.createTask(coroutine(
                    awaited -> {
                        trace("creator is current: " + Asyncio.currentTask().getName());
                        Task<String> child = Asyncio.createTask(coroutine(
                                childAwaited -> {
                                    trace("child's first step, current: " + Asyncio.currentTask().getName());
                                    return sleep(0);
                                },
                                childAwaited -> {
                                    trace("child's second step");
                                    return result("child's result");
                                }), "child");
                        trace("createTask returned, current: " + Asyncio.currentTask().getName() + ", child done: " + child.done());
                        return child;
                    },
                    awaited -> {
                        trace("creator got: " + awaited);
                        return null;
                    }), "creator"));
        });
        assertTrace(
                "creator is current: creator",
                "child's first step, current: child",
                "createTask returned, current: creator, child done: false",
                "child's second step",
                "creator got: child's result");
    }

    @Test
    void aCoroutineThatNeverSuspendsGivesATaskAlreadyDoneThatIsNeverScheduled() throws Exception {
        runTest(loop -> {
            loop.setEagerTasks(true);
            loop.callSoon(() -> {
                Task<String> task = loop.createTask(coroutine(awaited -> result("at once")));
                trace("done: " + task.done() + ", result: " + task.result() + ", pending tasks: " + Asyncio.allTasks());
                trace("current task in the callback: " + Asyncio.currentTask());
            });
            loop.callSoon(() -> trace("next callback"));
            runOnce(loop);
        });
        assertTrace(
                "done: true, result: at once, pending tasks: []",
                "current task in the callback: null",
                "next callback");
    }

    @Test
    void withTheLoopNotRunningTheFirstStepIsScheduledAsUsual() throws Exception {
        runTest(loop -> {
            loop.setEagerTasks(true);
            Task<Object> task = loop.createTask(coroutine(awaited -> {
                trace("first step");
                return null;
            }));
            trace("created, done: " + task.done());
            runOnce(loop);
        });
        assertTrace("created, done: false", "first step");
    }

    @Test
    void theEagerStepRunsInACopyOfTheCreatorsContext() throws Exception {
        ContextVar<String> request = new ContextVar<>("request");
        runTest(loop -> {
            loop.setEagerTasks(true);
            loop.callSoon(() -> {
                request.set("creator's");
                loop.createTask(coroutine(awaited -> {
                    trace("child sees: " + request.get());
                    request.set("child's");
                    return null;
                }));
                trace("creator sees: " + request.get());
            });
            runOnce(loop);
        });
        assertTrace("child sees: creator's", "creator sees: creator's");
    }
}
