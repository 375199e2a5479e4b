// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.asCompleted;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.TestCoroutines.failingAfter;
import static io.jasyncio.TestCoroutines.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import io.jasyncio.junit.AsyncTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code asCompleted(awaitables, timeout)}, asyncio 3.11's {@code as_completed}. Written as
 * {@link AsyncTest}s: each test is the main task of a fresh loop on virtual time, and fails if it
 * leaves a task pending or a failure unretrieved.
 */
class AsCompletedTest {
    @Async
    Coroutine<List<String>> inCompletionOrder(Number timeout) {
        List<String> seen = new ArrayList<>();
        List<Task<String>> tasks = List.of(createTask(work("slow", 0.3)), createTask(failingAfter(0.2, new IllegalStateException("failed at 0.2"))), createTask(work("fast", 0.1)));
        for (Coroutine<String> next : asCompleted(tasks, timeout)) {
            try {
                seen.add(await(next) + " at " + getRunningLoop().time());
            } catch (IllegalStateException failure) {
                seen.add(failure.getMessage());
            } catch (TimeoutException timedOut) {
                seen.add("timeout at " + getRunningLoop().time());
            }
        }
        await(gather(true, tasks)); // the tasks that timed out go on
        return result(seen);
    }

    @AsyncTest
    @Async
    Coroutine<Void> resultsComeInCompletionOrderAndFailuresAreThrownByTheirCoroutine() {
        assertEquals(List.of("fast at 0.1", "failed at 0.2", "slow at 0.3"), await(inCompletionOrder(null)));
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> afterTheTimeoutTheRemainingCoroutinesThrowTimeout() {
        assertEquals(List.of("fast at 0.1", "timeout at 0.15", "timeout at 0.15"), await(inCompletionOrder(0.15)));
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> timeoutCancelsNoneOfTheFutures() {
        Task<String> task = createTask(work("task", 1));
        for (Coroutine<String> next : asCompleted(List.of(task), 0.5)) {
            try {
                await(next);
            } catch (TimeoutException expected) {
                assertFalse(task.done(), "done at the timeout");
            }
        }
        assertEquals("task", await(task));
        assertEquals(1.0, getRunningLoop().time());
        return result(null);
    }

    @AsyncTest(timeout = 1)
    @Async
    Coroutine<Void> coroutinesAmongTheAwaitablesRunInTasks() {
        List<String> seen = new ArrayList<>();
        for (Coroutine<String> next : asCompleted(List.of(work("fast", 0.1)), null)) {
            seen.add(await(next) + " at " + getRunningLoop().time());
        }
        assertEquals(List.of("fast at 0.1"), seen);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> coroutinesMayBeAwaitedInAnyOrder() {
        Iterator<Coroutine<String>> coroutines = asCompleted(List.of(work("b", 0.2), work("a", 0.1)), null).iterator();
        Coroutine<String> first = coroutines.next();
        Coroutine<String> second = coroutines.next();
        assertEquals("ab", await(second) + await(first));
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> resultCanBeIteratedOnlyOnce() {
        Iterable<Coroutine<String>> coroutines = asCompleted(List.of(work("a", 0)), null);
        for (Coroutine<String> next : coroutines) {
            await(next);
        }
        assertThrows(IllegalStateException.class, coroutines::iterator);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> asyncIterationHandsOutTheOriginalFuturesInCompletionOrder() {
        Task<String> slow = createTask(work("slow", 0.3));
        Task<String> fast = createTask(work("fast", 0.1));
        Coroutine<String> coroutine = work("coroutine", 0.2);
        List<Object> seen = new ArrayList<>();
        for (var done = asCompleted(List.of(slow, fast, coroutine), null); await(done.hasNext()); ) {
            Future<? extends String> next = done.next();
            seen.add(next == slow ? "slow task" : next == fast ? "fast task"
                    : next instanceof Task<?> task && task.getCoro() == coroutine ? "the coroutine's task" : next);
            seen.add(next.result() + " at " + getRunningLoop().time());
        }
        assertEquals(List.of("fast task", "fast at 0.1", "the coroutine's task", "coroutine at 0.2", "slow task",
                "slow at 0.3"), seen);
        return result(null);
    }

    @AsyncTest
    @Async
    Coroutine<Void> asyncIterationThrowsTimeoutOnceTheTimeoutHasPassed() {
        Task<String> fast = createTask(work("fast", 0.1));
        Task<String> slow = createTask(work("slow", 1));
        List<String> seen = new ArrayList<>();
        AsCompleted<String> done = asCompleted(List.of(fast, slow), 0.5);
        try {
            while (await(done.hasNext())) {
                seen.add(done.next().result());
            }
        } catch (TimeoutException timedOut) {
            seen.add("timeout at " + getRunningLoop().time());
        }
        assertThrows(IllegalStateException.class, done::iterator, "one iteration, either way");
        assertEquals("slow", await(slow));
        assertEquals(List.of("fast", "timeout at 0.5"), seen);
        return result(null);
    }
}
