// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The runtime's hand-written coroutines await, suspend, resume and fail exactly as woven code does. */
class HandWrittenCoroutineTest extends LoopTestSupport {
    /**
     * A coroutine of two steps: the first traces and awaits what {@code first} returns; the second
     * takes the outcome and finishes with {@code then} applied to it.
     */
    private final class AwaitOnce extends HandWrittenCoroutine<Object> {
        private static final int AFTER = 1;

        private final Awaitable<?> awaited;
        private final Function<Object, Object> then;

        AwaitOnce(Awaitable<?> awaited, Function<Object, Object> then) {
            super("HandWrittenCoroutineTest.awaitOnce");
            this.awaited = awaited;
            this.then = then;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    trace("start");
                    return await(AFTER, awaited);
                case AFTER:
                    Object value;
                    try {
                        value = awaited();
                    } catch (RuntimeException | CancelledError failure) {
                        trace("caught " + failure);
                        throw failure;
                    }
                    trace("awaited " + value);
                    return finish(then.apply(value));
                default:
                    throw badLabel(label);
            }
        }
    }

    @Test
    void awaitingADoneFutureContinuesInTheSameStep() throws Exception {
        runTest(loop -> {
            Future<String> done = loop.createFuture();
            done.setResult("ready");
            Task<Object> task = loop.createTask(new AwaitOnce(done, value -> value + "!"));
            runOnce(loop);
            assertTrue(task.done(), "finished in its first step");
            assertEquals("ready!", task.result());
        });
        assertTrace("start", "awaited ready");
    }

    @Test
    void awaitingAPendingFutureSuspendsUntilTheIterationAfterItIsDone() throws Exception {
        runTest(loop -> {
            Future<String> pending = loop.createFuture();
            Task<Object> task = loop.createTask(new AwaitOnce(pending, value -> value));
            runOnce(loop);
            trace("suspended: " + !task.done());
            loop.callSoon(() -> pending.setResult("later"));
            runOnce(loop);
            trace("after the result was set: " + task.done());
            runOnce(loop);
            assertEquals("later", task.result());
        });
        assertTrace("start", "suspended: true", "after the result was set: false", "awaited later");
    }

    @Test
    void theAwaitedExceptionIsThrownByAwaitedAsItWasThrown() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("bad");
        runTest(loop -> {
            Future<String> failed = loop.createFuture();
            Task<Object> task = loop.createTask(new AwaitOnce(failed, value -> value));
            runOnce(loop);
            failed.setException(failure);
            runIterations(loop, 2);
            assertSame(failure, assertThrows(IllegalArgumentException.class, task::result));
        });
        assertTrace("start", "caught " + failure);
    }

    @Test
    void cancellingTheTaskThrowsCancelledErrorAtTheAwait() throws Exception {
        runTest(loop -> {
            Future<String> pending = loop.createFuture();
            Task<Object> task = loop.createTask(new AwaitOnce(pending, value -> value));
            runOnce(loop);
            task.cancel("stop");
            assertTrue(pending.cancelled(), "the awaited future is cancelled with the task");
            runOnce(loop);
            assertTrue(task.cancelled());
        });
        assertTrace("start", "caught io.jasyncio.CancelledError: stop");
    }

    @Test
    void awaitingACoroutineRunsItInlineAndSuspendsWhereItDoes() throws Exception {
        runTest(loop -> {
            AwaitOnce inner = new AwaitOnce(sleep(0, "slept"), value -> "inner " + value);
            Task<Object> task = loop.createTask(new AwaitOnce(inner, value -> "outer " + value));
            runOnce(loop);
            trace("first iteration over");
            runOnce(loop);
            assertEquals("outer inner slept", task.result());
        });
        assertTrace("start", "start", "first iteration over", "awaited slept", "awaited inner slept");
    }

    @Test
    void aCoroutineCancelledBeforeItsFirstStepRunsNoneOfIt() throws Exception {
        runTest(loop -> {
            Task<Object> task = loop.createTask(new AwaitOnce(sleep(0), value -> value));
            task.cancel();
            runOnce(loop);
            assertTrue(task.cancelled());
        });
        assertTrace();
    }

    @Test
    void anExceptionThrownByAStepEndsTheCoroutineWithIt() throws Exception {
        runTest(loop -> {
            Task<Object> task = loop.createTask(new AwaitOnce(sleep(0, "x"), value -> {
                throw new IllegalStateException("failed after " + value);
            }));
            runIterations(loop, 2);
            assertFalse(task.cancelled());
            assertEquals("failed after x", assertThrows(IllegalStateException.class, task::result).getMessage());
        });
        assertTrace("start", "awaited x");
    }
}
