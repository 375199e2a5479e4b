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

import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Context variables: their values, and how tasks and callbacks copy the context (the behaviour of
 * program 45 in the spec's notes: a task copies its creator's context, a callback the context of the
 * code that scheduled it, an awaited coroutine shares its task's).
 */
class ContextVarTest extends LoopTestSupport {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<String> WITH_DEFAULT = new ContextVar<>("withDefault", "default");

    /** The thread's context before the test. */
    private final ContextMap threadsContext = CurrentContext.map();

    /** Each test leaves the thread's context as it found it: what it sets, it resets. */
    @AfterEach
    void leaveTheThreadsContextAsItWas() {
        assertSame(threadsContext, CurrentContext.map(), "the test left a value in the thread's context");
    }

    // ---------------------------------------------------------------------------------------------
    // Values and tokens

    @Test
    void getWithoutAValueThrowsOrReturnsTheDefault() {
        NoSuchElementException error = assertThrows(NoSuchElementException.class, REQUEST::get);
        assertEquals("ContextVar[name=request]", error.getMessage());
        assertEquals("fallback", REQUEST.get("fallback"));
        assertEquals("default", WITH_DEFAULT.get());
        assertEquals("fallback", WITH_DEFAULT.get("fallback"));
    }

    @Test
    void resetRestoresTheValueBeforeTheSetOrRemovesIt() {
        ContextVar.Token<String> first = REQUEST.set("one");
        ContextVar.Token<String> second = REQUEST.set("two");
        assertEquals("two", REQUEST.get());
        assertSame(ContextVar.Token.MISSING, first.getOldValue());
        assertEquals("one", second.getOldValue());
        assertSame(REQUEST, second.getVar());

        REQUEST.reset(second);
        assertEquals("one", REQUEST.get());
        REQUEST.reset(first);
        assertEquals("none", REQUEST.get("none"));
    }

    @Test
    void aNullValueIsAValue() {
        ContextVar.Token<String> token = WITH_DEFAULT.set(null);
        assertNull(WITH_DEFAULT.get());
        WITH_DEFAULT.reset(token);
        assertEquals("default", WITH_DEFAULT.get());
    }

    @Test
    void aTokenWorksOnceAndOnlyForItsVariable() {
        ContextVar.Token<String> token = REQUEST.set("value");
        ContextVar<String> other = new ContextVar<>("other");
        assertThrows(IllegalArgumentException.class, () -> other.reset(token));
        REQUEST.reset(token);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> REQUEST.reset(token));
        assertEquals("Token[used var=request] has already been used once", error.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Tasks

    @Test
    void aTaskRunsInACopyOfItsCreatorsContext() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                REQUEST.set("creator's");
                loop.createTask(coroutine(
                        awaited -> {
                            trace("task, first step: " + REQUEST.get());
                            REQUEST.set("task's");
                            return sleep(0);
                        },
                        awaited -> {
                            trace("task, second step: " + REQUEST.get());
                            return null;
                        }));
                REQUEST.set("set after createTask");
                loop.callSoon(() -> trace("creator's next callback: " + REQUEST.get()));
            });
            runIterations(loop, 4);
        });
        assertTrace(
                "task, first step: creator's",
                "creator's next callback: set after createTask",
                "task, second step: task's");
    }

    @Test
    void siblingTasksDoNotSeeEachOthersValues() throws Exception {
        runTest(loop -> {
            for (String name : new String[] {"a", "b"}) {
                loop.createTask(coroutine(
                        awaited -> {
                            trace(name + " starts with: " + REQUEST.get("nothing"));
                            REQUEST.set(name);
                            return sleep(0);
                        },
                        awaited -> {
                            trace(name + " ends with: " + REQUEST.get());
                            return null;
                        }));
            }
            runIterations(loop, 2);
        });
        assertTrace("a starts with: nothing", "b starts with: nothing", "a ends with: a", "b ends with: b");
    }

    @Test
    void anAwaitedCoroutineRunsInItsTasksContext() throws Exception {
        String seen = runMain(coroutine(
                awaited -> {
                    REQUEST.set("outer");
                    return coroutine(inner -> {
                        trace("inner sees: " + REQUEST.get());
                        REQUEST.set("set by inner");
                        return sleep(0);
                    });
                },
                awaited -> result(REQUEST.get())));
        assertTrace("inner sees: outer");
        assertEquals("set by inner", seen);
    }

    // ---------------------------------------------------------------------------------------------
    // Callbacks

    @Test
    void aCallbackRunsInTheContextOfTheCodeThatScheduledItAndKeepsNothing() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> {
                REQUEST.set("scheduler's");
                loop.callSoon(() -> {
                    trace("callback sees: " + REQUEST.get());
                    REQUEST.set("callback's");
                });
                loop.callLater(0, () -> trace("timer sees: " + REQUEST.get()));
                REQUEST.set("changed afterwards");
            });
            loop.callSoon(() -> trace("a callback of the same iteration sees: " + REQUEST.get("nothing")));
            runIterations(loop, 3);
        });
        assertTrace(
                "a callback of the same iteration sees: nothing",
                "callback sees: scheduler's",
                "timer sees: scheduler's");
    }

    @Test
    void aDoneCallbackRunsInTheContextOfItsRegistrationNotOfTheCompletion() throws Exception {
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            loop.callSoon(() -> {
                REQUEST.set("registrar's");
                future.addDoneCallback(done -> trace("done callback sees: " + REQUEST.get()));
            });
            loop.callSoon(() -> {
                REQUEST.set("completer's");
                future.setResult("x");
            });
            runIterations(loop, 2);
        });
        assertTrace("done callback sees: registrar's");
    }

    @Test
    void theThreadsContextIsTheOutermostAndIsRestoredAfterTheLoopRuns() throws Exception {
        ContextVar.Token<String> token = REQUEST.set("thread's");
        try {
            runTest(loop -> {
                loop.callSoon(() -> {
                    trace("callback sees: " + REQUEST.get());
                    REQUEST.set("callback's");
                });
                loop.createTask(coroutine(awaited -> {
                    trace("task sees: " + REQUEST.get());
                    REQUEST.set("task's");
                    return null;
                }));
                runOnce(loop);
                trace("after the loop: " + REQUEST.get());
            });
        } finally {
            REQUEST.reset(token);
        }
        assertTrace("callback sees: thread's", "task sees: thread's", "after the loop: thread's");
    }

    @Test
    void codeThatSetsNoVariableRunsInTheSharedEmptyContext() throws Exception {
        runTest(loop -> {
            Task<Void> task = loop.createTask(sleep(0));
            Handle handle = loop.callSoon(() -> { });
            assertSame(ContextMap.EMPTY, task.context());
            assertSame(ContextMap.EMPTY, handle.context);
            loop.runUntilComplete(task);
        });
    }

    /** Each job of toThread runs in a copy of its own, as Python's ctx.run: a token of one job does not reset in another. */
    @Test
    void aTokenMadeInOneToThreadJobDoesNotResetInAnother() throws Exception {
        runTest(Clock.system(), loop -> {
            Object outcome = loop.runUntilComplete(coroutine(
                    awaited -> Asyncio.toThread(() -> REQUEST.set("in a job")),
                    awaited -> Asyncio.toThread(() -> {
                        try {
                            REQUEST.reset(cast(awaited));
                            return "reset";
                        } catch (IllegalArgumentException foreign) {
                            return foreign.getMessage();
                        }
                    }),
                    awaited -> Asyncio.result(awaited)));
            assertEquals("Token[var=request] was created in a different Context", outcome);
        });
    }

    /**
     * A token belongs to the context object it was made in, as Python's: it resets in a later run of
     * the same context, not in a run of a copy.
     */
    @Test
    void aTokenMadeInOneRunOfAContextResetsInALaterRunOfItButNotOfACopy() {
        Context context = Context.copyContext();
        ContextVar.Token<String> token = context.run(() -> REQUEST.set("inside"));
        Context copy = context.copy();
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> copy.run(() -> REQUEST.reset(token)));
        assertEquals("Token[var=request] was created in a different Context", foreign.getMessage());
        assertEquals("inside", copy.get(REQUEST));
        context.run(() -> REQUEST.reset(token));
        assertFalse(context.containsKey(REQUEST));
        assertEquals("inside", copy.get(REQUEST));
    }

    @SuppressWarnings("unchecked")
    private static ContextVar.Token<String> cast(Object token) {
        return (ContextVar.Token<String>) token;
    }
}
