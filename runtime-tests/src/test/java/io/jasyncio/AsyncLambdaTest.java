// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Under the agent, a lambda that returns Coroutine is lazy whatever its body, as calling an
 * {@code async def} runs nothing: its body runs in the task's first step.
 */
class AsyncLambdaTest extends LoopTestSupport {
    private final List<String> trace = new ArrayList<>();

    @Async
    Coroutine<String> child() {
        trace.add("child");
        await(sleep(0));
        return result("from child");
    }

    @Test
    void aLambdaThatOnlyThrowsThrowsInTheTaskNotAtTheCall() throws Exception {
        IllegalStateException failure = new IllegalStateException("at start");
        Supplier<Coroutine<Void>> throwing = () -> {
            throw failure;
        };
        runTest(loop -> {
            Task<Void> task = loop.createTask(throwing.get());
            assertFalse(task.done());
            assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task)));
            assertSame(failure, task.exception());
        });
    }

    @Test
    void aLambdaThatReturnsAnotherCoroutineRunsNothingUntilItsFirstStep() throws Exception {
        Supplier<Coroutine<String>> delegating = () -> {
            trace.add("lambda body");
            return child();
        };
        runTest(loop -> {
            Coroutine<String> coroutine = delegating.get();
            trace.add("called");
            Task<String> task = loop.createTask(coroutine);
            trace.add("task created");
            trace.add(loop.runUntilComplete(task));
        });
        assertEquals(List.of("called", "task created", "lambda body", "child", "from child"), trace);
    }

    /**
     * Issue 15: a lambda that neither awaits nor calls {@code result} is as lazy as an {@code @Async}
     * method: calling it runs nothing, and awaiting it runs its body in the awaiting task.
     */
    @Test
    void aLambdaThatNeitherAwaitsNorCallsResultIsLazy() throws Exception {
        java.util.function.Function<String, Coroutine<String>> plain = value -> {
            trace.add("body " + value);
            return sleep(0, value);
        };
        runTest(loop -> {
            Coroutine<String> coroutine = plain.apply("v");
            trace.add("called");
            trace.add(loop.runUntilComplete(loop.createTask(coroutine)));
            Coroutine<String> twice = plain.apply("w");
            trace.add("called again");
            IllegalStateException reuse = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(loop.createTask(coroutine)));
            assertEquals("cannot reuse already awaited coroutine", reuse.getMessage());
            trace.add(loop.runUntilComplete(loop.createTask(twice)));
        });
        assertEquals(List.of("called", "body v", "v", "called again", "body w", "w"), trace);
    }
}
