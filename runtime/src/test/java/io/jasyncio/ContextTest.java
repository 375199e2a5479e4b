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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public {@link Context}, Python's {@code contextvars.Context}: {@code copy_context()},
 * {@code ctx.run}, the mapping, and tasks and callbacks given a context, which run in that very object.
 */
class ContextTest extends LoopTestSupport {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<Integer> COUNT = new ContextVar<>("count");

    private final ContextMap threadsContext = CurrentContext.map();

    @AfterEach
    void leaveTheThreadsContextAsItWas() {
        assertSame(threadsContext, CurrentContext.map(), "the test left a value in the thread's context");
    }

    @Test
    void runKeepsWhatItsBodySetsInTheContextAndRestoresTheCurrentOne() {
        ContextVar.Token<String> outside = REQUEST.set("outside");
        try {
            Context context = Context.copyContext();
            assertEquals("outside", context.get(REQUEST));
            String seen = context.run(() -> {
                REQUEST.set("inside");
                COUNT.set(1);
                return REQUEST.get() + " " + context.get(REQUEST) + " " + context.get(COUNT);
            });
            assertEquals("inside inside 1", seen, "the body and the context see the values as they change");
            assertEquals("outside", REQUEST.get());
            assertFalse(Context.copyContext().containsKey(COUNT));
            assertEquals("inside", context.get(REQUEST));
            assertEquals(2, context.size());
            List<ContextVar<?>> variables = new ArrayList<>();
            context.forEach(variables::add);
            assertEquals(List.of(REQUEST, COUNT), variables, "in the order they were first set");
            assertEquals("Context{request=inside, count=1}", context.toString());
            assertNull(new Context().get(REQUEST));
            assertEquals("fallback", new Context().get(REQUEST, "fallback"));
            assertEquals(0, new Context().size());
        } finally {
            REQUEST.reset(outside);
        }
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        Context original = new Context();
        original.run(() -> REQUEST.set("original"));
        Context copy = original.copy();
        copy.run(() -> REQUEST.set("copy"));
        assertEquals("original", original.get(REQUEST));
        assertEquals("copy", copy.get(REQUEST));
    }

    @Test
    void enteringAnEnteredContextThrowsAndLeavesItUsable() {
        Context context = new Context();
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> context.run(() -> {
                    COUNT.set(1);
                    context.run(() -> COUNT.set(2));
                }));
        assertEquals("cannot enter context: Context{count=1} is already entered", nested.getMessage());
        assertEquals(1, context.get(COUNT), "what the outer run set before it failed stays");
        assertEquals(5, context.run(() -> 5), "the context is left, so it can be entered again");
    }

    @Test
    void anExceptionOfTheBodyPassesThroughAndTheContextIsLeft() {
        Context context = new Context();
        IllegalArgumentException thrown = new IllegalArgumentException("from the body");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> context.run(() -> {
            REQUEST.set("before the throw");
            throw thrown;
        })));
        assertEquals("before the throw", context.get(REQUEST));
        assertFalse(Context.copyContext().containsKey(REQUEST));
    }

    @Test
    void aTaskGivenAContextRunsEveryStepInItAndLeavesWhatItSetThere() throws Exception {
        Context context = new Context();
        context.run(() -> REQUEST.set("given"));
        runTest(loop -> {
            Task<String> first = loop.createTask(coroutine(
                    awaited -> {
                        trace("first, step 1: " + REQUEST.get());
                        COUNT.set(1);
                        return sleep(0);
                    },
                    awaited -> {
                        trace("first, step 2: " + COUNT.get());
                        COUNT.set(COUNT.get() + 10);
                        return result("done");
                    }), "first", context);
            Task<Void> second = loop.createTask(coroutine(
                    awaited -> {
                        trace("second, step 1: " + COUNT.get()); // shares the context object with first
                        COUNT.set(COUNT.get() + 1);
                        return null;
                    }), "second", context);
            loop.runUntilComplete(Asyncio.gather(first, second));
        });
        assertTrace("first, step 1: given", "second, step 1: 1", "first, step 2: 2");
        assertEquals(12, context.get(COUNT));
        runTest(loop -> loop.runUntilComplete(Asyncio.taskGroup(group -> {
            group.createTask(coroutine(awaited -> {
                COUNT.set(COUNT.get() * 2);
                return null;
            }), "in the group", context);
            return result(null);
        })));
        assertEquals(24, context.get(COUNT));
        assertFalse(Context.copyContext().containsKey(COUNT));
    }

    @Test
    void aTaskWithoutAContextRunsInACopyThatCallbacksGivenContextsDoNotTouch() throws Exception {
        Context context = new Context();
        runTest(loop -> {
            loop.callSoon(() -> REQUEST.set("callback's own"), context);
            loop.callLater(0.5, () -> trace("later: " + REQUEST.get() + ", count " + COUNT.get(-1)), context);
            loop.callAt(loop.time() + 1, () -> COUNT.set(7), context);
            loop.callSoon(() -> trace("plain: " + REQUEST.get("none")));
            loop.runUntilComplete(sleep(2));
        });
        assertTrace("plain: none", "later: callback's own, count -1");
        assertEquals("callback's own", context.get(REQUEST));
        assertEquals(7, context.get(COUNT));
    }

    @Test
    void aDoneCallbackGivenAContextRunsInIt() throws Exception {
        Context context = new Context();
        runTest(loop -> {
            Future<String> future = loop.createFuture();
            future.addDoneCallback(done -> REQUEST.set(done.result()), context);
            future.addDoneCallback(done -> trace("plain: " + REQUEST.get("none")), null);
            future.setResult("from the callback");
            loop.runUntilComplete(sleep(0));
        });
        assertTrace("plain: none");
        assertEquals("from the callback", context.get(REQUEST));
    }

    @Test
    void aHandleGivenAContextShowsItsCallback() throws Exception {
        Runnable callback = new Runnable() {
            @Override
            public void run() {
            }

            @Override
            public String toString() {
                return "the callback";
            }
        };
        runTest(loop -> {
            assertEquals("Handle[the callback]", loop.callSoon(callback, new Context()).toString());
            loop.runUntilComplete(sleep(0));
        });
    }

    /** The task is left pending, as Python's: its first step failed and nothing schedules another. */
    @Test
    void aStepWhoseContextIsEnteredAlreadyFailsToTheExceptionHandlerAsInPython() {
        Context context = new Context();
        List<Map<String, Object>> reports = new ArrayList<>();
        EventLoop loop = new EventLoop(new FakeClock());
        try {
            loop.setExceptionHandler((reporter, report) -> reports.add(report));
            Task<String> task = context.run(() -> {
                Task<String> created = loop.createTask(coroutine(awaited -> result("ran")), "blocked", context);
                loop.runUntilComplete(sleep(0)); // the task's first step comes while context is entered
                return created;
            });
            assertFalse(task.done(), "the step never ran");
        } finally {
            loop.close();
        }
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Exception in callback step of blocked", reports.get(0).get("message"));
        assertEquals("cannot enter context: Context{} is already entered",
                ((Throwable) reports.get(0).get("exception")).getMessage());
    }

    @Test
    void runnerRunsEachRunInItsContextOrInTheOneGiven() {
        Context given = new Context();
        try (Runner runner = new Runner()) {
            runner.run(coroutine(awaited -> {
                REQUEST.set("first run");
                return null;
            }));
            assertEquals("first run", runner.run(coroutine(awaited -> result(REQUEST.get()))));
            runner.run(coroutine(awaited -> {
                REQUEST.set("given");
                return null;
            }), given);
            assertEquals("first run", runner.run(coroutine(awaited -> result(REQUEST.get()))));
        }
        assertEquals("given", given.get(REQUEST));
        assertTrue(!Context.copyContext().containsKey(REQUEST));
    }
}
