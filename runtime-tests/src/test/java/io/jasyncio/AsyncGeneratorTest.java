// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import io.jasyncio.junit.AsyncTest;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Async generators as CPython 3.11 runs them: each test records a trace and compares it whole with the
 * one the same Python program prints (written beside each test as a comment where it helps).
 */
class AsyncGeneratorTest {
    private final List<String> trace = new ArrayList<>();

    /** What awaiting {@code step} throws, or {@code null}: an async stand-in for {@code assertThrows}. */
    @Async
    static Coroutine<Throwable> failureOf(Awaitable<?> step) {
        try {
            await(step);
            return result(null);
        } catch (Throwable thrown) {
            return result(thrown);
        }
    }

    @Async
    AsyncGenerator<String> counter(int n) {
        trace.add("start");
        try {
            for (int i = 0; i < n; i++) {
                String sent = emit("v" + i);
                trace.add("sent " + sent);
                await(sleep(0));
            }
        } finally {
            trace.add("finally");
            await(sleep(0));
            trace.add("finally after await");
        }
        return end();
    }

    @AsyncTest
    @Async
    Coroutine<Void> nothingRunsUntilTheFirstStepAndEachStepRunsToTheNextEmit() {
        AsyncGenerator<String> gen = counter(2);
        trace.add("created");
        trace.add(await(gen.anext()));
        trace.add(await(gen.asend("x")));
        try {
            await(gen.anext());
        } catch (StopAsyncIterationException end) {
            trace.add("StopAsyncIteration");
        }
        try {
            await(gen.anext());
        } catch (StopAsyncIterationException again) {
            trace.add("StopAsyncIteration again");
        }
        assertEquals(List.of("created", "start", "v0", "sent x", "v1", "sent null", "finally", "finally after await",
                "StopAsyncIteration", "StopAsyncIteration again"), trace);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> acloseThrowsGeneratorExitAtTheEmitSoFinallyRunsAndMayAwait() {
        AsyncGenerator<String> gen = counter(5);
        trace.add(await(gen.anext()));
        await(gen.aclose());
        trace.add("closed");
        await(gen.aclose());
        trace.add("closed again");
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(gen.anext())));
        AsyncGenerator<String> unstarted = counter(1);
        await(unstarted.aclose());
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(unstarted.anext())));
        assertEquals(List.of("start", "v0", "finally", "finally after await", "closed", "closed again"), trace);
        return result(null);
    }

    @Async
    static AsyncGenerator<String> catching(List<String> trace) {
        while (true) {
            try {
                emit("normal");
            } catch (IllegalArgumentException thrownIn) {
                trace.add("caught " + thrownIn.getMessage());
                emit("after catch");
            }
        }
    }

    @AsyncTest
    @Async
    Coroutine<Void> athrowThrowsAtTheEmitAndReturnsTheNextValue() {
        AsyncGenerator<String> gen = catching(trace);
        trace.add(await(gen.anext()));
        trace.add(await(gen.athrow(new IllegalArgumentException("x"))));
        trace.add(await(gen.anext()));
        IllegalStateException uncaught = assertInstanceOf(IllegalStateException.class,
                await(failureOf(gen.athrow(new IllegalStateException("not caught")))));
        trace.add("athrow -> " + uncaught.getMessage());
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(gen.anext())));
        trace.add("athrow after the end -> " + await(gen.athrow(new IllegalArgumentException("late"))));

        AsyncGenerator<String> unstarted = catching(trace);
        IllegalArgumentException atStart = assertInstanceOf(IllegalArgumentException.class,
                await(failureOf(unstarted.athrow(new IllegalArgumentException("at start")))));
        trace.add("unstarted athrow -> " + atStart.getMessage());
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(unstarted.anext())));
        assertEquals(List.of("normal", "caught x", "after catch", "normal", "athrow -> not caught",
                "athrow after the end -> null", "unstarted athrow -> at start"), trace);
        return result(null);
    }

    @Async
    static AsyncGenerator<Integer> emitsWhileClosing(List<String> trace) {
        try {
            emit(1);
        } finally {
            trace.add("finally emits");
            emit(2);
            trace.add("after the second emit");
        }
        return end();
    }

    @AsyncTest
    @Async
    Coroutine<Void> aGeneratorThatEmitsDuringAcloseFailsItAndStaysSuspendedThere() {
        AsyncGenerator<Integer> gen = emitsWhileClosing(trace);
        await(gen.anext());
        IllegalStateException ignored = assertInstanceOf(IllegalStateException.class, await(failureOf(gen.aclose())));
        trace.add(ignored.getMessage());
        // As in CPython, the GeneratorExit thrown in is still on its way: the finally ends by rethrowing it.
        assertInstanceOf(GeneratorExit.class, await(failureOf(gen.anext())));
        trace.add("GeneratorExit");
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(gen.anext())));
        assertEquals(List.of("finally emits", "async generator ignored GeneratorExit", "after the second emit",
                "GeneratorExit"), trace);
        return result(null);
    }

    @Async
    static AsyncGenerator<Integer> slow() {
        await(sleep(1)); // <- generator sleeps
        emit(1);
        return end();
    }

    @AsyncTest
    @Async
    Coroutine<Void> aStepWhileAnotherRunsFailsWithAsyncioMessages() {
        AsyncGenerator<Integer> gen = slow();
        Task<Integer> first = createTask(gen.anext());
        await(sleep(0));
        for (Coroutine<?> second : List.of(gen.anext(), gen.asend(null), gen.athrow(new IllegalStateException()),
                gen.aclose())) {
            trace.add(assertInstanceOf(IllegalStateException.class, await(failureOf(second))).getMessage());
        }
        trace.add("first -> " + await(first));
        assertEquals(List.of("anext(): asynchronous generator is already running",
                "anext(): asynchronous generator is already running",
                "athrow(): asynchronous generator is already running",
                "aclose(): asynchronous generator is already running", "first -> 1"), trace);
        return result(null);
    }

    @Async
    static AsyncGenerator<Integer> failing() {
        emit(1);
        await(sleep(0));
        throw new IllegalArgumentException("boom");
    }

    @Async
    static AsyncGenerator<Integer> stopping() {
        emit(1);
        throw new StopAsyncIterationException();
    }

    @AsyncTest
    @Async
    Coroutine<Void> theGeneratorsExceptionReachesTheStepThenItHasEnded() {
        AsyncGenerator<Integer> gen = failing();
        await(gen.anext());
        assertEquals("boom",
                assertInstanceOf(IllegalArgumentException.class, await(failureOf(gen.anext()))).getMessage());
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(gen.anext())));

        AsyncGenerator<Integer> stops = stopping();
        await(stops.anext());
        IllegalStateException raised = assertInstanceOf(IllegalStateException.class,
                await(failureOf(stops.anext())));
        assertEquals("async generator raised StopAsyncIteration", raised.getMessage());

        AsyncGenerator<Integer> fresh = failing();
        assertEquals("can't send non-None value to a just-started async generator",
                assertInstanceOf(IllegalArgumentException.class, await(failureOf(fresh.asend("x")))).getMessage());
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> hasNextAndNextIterateAndBreakLeavesTheGeneratorSuspended() {
        AsyncGenerator<String> gen = counter(3);
        assertThrows(NoSuchElementException.class, gen::next);
        for (var it = gen; await(it.hasNext()); ) {
            assertEquals(true, await(it.hasNext()), "a ready value is ready again until next() takes it");
            String value = it.next();
            trace.add(value);
            if (value.equals("v1")) {
                break;
            }
        }
        trace.add("after the loop");
        await(gen.aclose());
        for (var it = counter(1); await(it.hasNext()); ) {
            trace.add(it.next());
        }
        assertEquals(List.of("start", "v0", "sent null", "v1", "after the loop", "finally", "finally after await",
                "start", "v0", "sent null", "finally", "finally after await"), trace);
        return result(null);
    }

    @Async
    AsyncGenerator<Integer> waitsLong() {
        try {
            emit(1);
            await(sleep(10));
            emit(2);
        } finally {
            trace.add("generator finally");
        }
        return end();
    }

    @AsyncTest
    @Async
    Coroutine<Void> cancellingTheConsumerWhileTheGeneratorAwaitsEndsTheGenerator() {
        AsyncGenerator<Integer> gen = waitsLong();
        await(gen.anext());
        Task<Integer> consumer = createTask(gen.anext());
        await(sleep(0));
        consumer.cancel();
        assertInstanceOf(CancelledError.class, await(failureOf(consumer)));
        trace.add("consumer cancelled");
        assertInstanceOf(StopAsyncIterationException.class, await(failureOf(gen.anext())));
        assertEquals(List.of("generator finally", "consumer cancelled"), trace);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> anAsyncLambdaCanBeAGenerator() {
        java.util.function.IntFunction<AsyncGenerator<Integer>> squares = n -> {
            for (int i = 1; i <= n; i++) {
                emit(i * i);
                await(sleep(0));
            }
            return end();
        };
        AsyncGenerator<Integer> lazy = squares.apply(3);
        trace.add("created");
        for (var it = lazy; await(it.hasNext()); ) {
            trace.add(String.valueOf(it.next()));
        }
        assertEquals(List.of("created", "1", "4", "9"), trace);
        return result(null);
    }

    @Async
    static Coroutine<Integer> consume(AsyncGenerator<Integer> gen) {
        return result(await(gen.anext())); // <- consumer awaits the step
    }

    @AsyncTest
    @Async
    Coroutine<Void> aTaskSuspendedInAGeneratorShowsTheGeneratorsAwaitLineThenTheStepThenTheConsumer() {
        Task<Integer> task = createTask(consume(slow()));
        await(sleep(0));
        assertEquals(List.of("io.jasyncio.Sleep.sleep(Unknown Source)",
                SourceLines.frame(AsyncGeneratorTest.class, "slow", "generator sleeps"),
                "io.jasyncio.AsyncGenerator.anext(Unknown Source)",
                SourceLines.frame(AsyncGeneratorTest.class, "consume", "consumer awaits the step")),
                task.getStack().stream().map(StackTraceElement::toString).toList());
        assertEquals(1, await(task));
        return result(null);
    }
}
