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
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code asCompleted(awaitables, timeout)}, asyncio 3.11's {@code as_completed}. */
class AsCompletedTest extends LoopTestSupport {
    @Async
    Coroutine<List<String>> inCompletionOrder(Number timeout) {
        List<String> seen = new ArrayList<>();
        List<Task<String>> tasks = List.of(createTask(work("slow", 0.3)), createTask(failingAfter(0.2, new IllegalStateException("failed at 0.2"))), createTask(work("fast", 0.1)));
        for (Coroutine<String> next : asCompleted(tasks, timeout)) {
            try {
                seen.add(await(next) + " at " + getRunningLoop().time());
            } catch (IllegalStateException failure) {
                seen.add(failure.getMessage());
            } catch (TimeoutException timeout2) {
                seen.add("timeout at " + getRunningLoop().time());
            }
        }
        await(gather(true, tasks)); // the tasks that timed out go on
        return result(seen);
    }

    @Test
    void resultsComeInCompletionOrderAndFailuresAreThrownByTheirCoroutine() throws Exception {
        assertEquals(List.of("fast at 0.1", "failed at 0.2", "slow at 0.3"), runMain(inCompletionOrder(null)));
    }

    @Test
    void afterTheTimeoutTheRemainingCoroutinesThrowTimeout() throws Exception {
        assertEquals(List.of("fast at 0.1", "timeout at 0.15", "timeout at 0.15"), runMain(inCompletionOrder(0.15)));
    }

    @Async
    Coroutine<String> timeoutCancelsNothing() {
        Task<String> task = createTask(work("task", 1));
        for (Coroutine<String> next : asCompleted(List.of(task), 0.5)) {
            try {
                await(next);
            } catch (TimeoutException expected) {
                trace("timed out; task done: " + task.done());
            }
        }
        return result(await(task) + " at " + getRunningLoop().time());
    }

    @Test
    void timeoutCancelsNoneOfTheFutures() throws Exception {
        assertEquals("task at 1.0", runMain(timeoutCancelsNothing()));
        assertTrace("timed out; task done: false");
    }

    @Test
    void coroutinesAmongTheAwaitablesRunInTasks() throws Exception {
        assertEquals(List.of("fast at 0.1"), runMain(Asyncio.<List<String>>timeout(1, () -> {
            List<String> seen = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(work("fast", 0.1)), null)) {
                seen.add(await(next) + " at " + getRunningLoop().time());
            }
            return result(seen);
        })));
    }

    @Async
    Coroutine<String> awaitsOutOfOrder() {
        Iterator<Coroutine<String>> coroutines = asCompleted(List.of(work("b", 0.2), work("a", 0.1)), null).iterator();
        Coroutine<String> first = coroutines.next();
        Coroutine<String> second = coroutines.next();
        return result(await(second) + await(first));
    }

    @Test
    void coroutinesMayBeAwaitedInAnyOrder() throws Exception {
        assertEquals("ab", runMain(awaitsOutOfOrder()));
    }

    @Async
    Coroutine<String> iteratesTwice() {
        Iterable<Coroutine<String>> coroutines = asCompleted(List.of(work("a", 0)), null);
        for (Coroutine<String> next : coroutines) {
            await(next);
        }
        assertThrows(IllegalStateException.class, coroutines::iterator);
        return result("once");
    }

    @Test
    void resultCanBeIteratedOnlyOnce() throws Exception {
        assertEquals("once", runMain(iteratesTwice()));
    }
}
