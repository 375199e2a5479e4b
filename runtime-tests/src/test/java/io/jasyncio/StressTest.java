// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.allTasks;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import io.jasyncio.locks.Lock;
import io.jasyncio.locks.Semaphore;
import io.jasyncio.queues.Queue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 tasks with random sleeps, cancellations, timeouts and queue traffic, on a {@link FakeClock}
 * (minutes of loop time in seconds of real time): every task ends, each with the outcome that its kind
 * and its random plan allow, the counts add up, every item put into the queue is taken out exactly
 * once, and no task is left pending. Seeded: {@code -Dstress.seed=N} replays another run.
 *
 * <p>To make outcomes predictable, the random times live on separate grids: sleeps are whole
 * milliseconds, timeouts end half a millisecond off that grid, cancellations a quarter off and the
 * event is set three quarters off. A cancellation therefore never lands in the same instant as the
 * timer or wake-up it interrupts, and a task whose {@code cancel()} returned {@code true} must end
 * cancelled; a task that was not cancelled must end as its plan predicts.
 */
class StressTest extends LoopTestSupport {
    private static final int TASKS = 100_000;
    private static final long SEED = Long.getLong("stress.seed", 4);
    private static final double MILLISECOND = 0.001;

    /** When the event that {@link Kind#EVENT} tasks wait for is set: off the grids of sleeps, timeouts and cancellations. */
    private static final double EVENT_SET_AT = 200 * MILLISECOND + 0.75 * MILLISECOND;

    /** What a task does. */
    private enum Kind {
        /** Sleeps, then returns. */
        SLEEP,
        /** Puts a few items into the queue, each with a timeout. */
        PRODUCER,
        /** Takes items from the queue until none comes within its patience. */
        CONSUMER,
        /** Holds the lock across a sleep. */
        LOCK,
        /** Holds a permit of the semaphore across a sleep. */
        SEMAPHORE,
        /** Awaits a sleep with {@code waitFor}, whose timeout may come first. */
        TIMEOUT,
        /** Sleeps, then waits for the event with {@code waitFor}, whose timeout may come first. */
        EVENT
    }

    /** How a task ended. */
    private enum Outcome {
        RESULT, CANCELLED, TIMEOUT
    }

    /** A task, what it was planned to do, and whether it was cancelled while still pending. */
    private static final class Planned {
        final Kind kind;
        final Task<Integer> task;

        /** The outcome the plan predicts if the task is not cancelled. */
        final Outcome predicted;

        /** Whether {@code task.cancel()} was called and returned {@code true}. */
        boolean cancelRequested;

        Planned(Kind kind, Task<Integer> task, Outcome predicted) {
            this.kind = kind;
            this.task = task;
            this.predicted = predicted;
        }
    }

    private final Random random = new Random(SEED);
    private final Queue<Integer> queue = new Queue<>(64);
    private final Lock lock = new Lock();
    private final Semaphore semaphore = new Semaphore(8);
    private final Event event = new Event();

    private int nextItem;
    private final List<Integer> produced = new ArrayList<>();
    private final List<Integer> consumed = new ArrayList<>();
    private int lockHolders;
    private int maxLockHolders;
    private int permitHolders;
    private int maxPermitHolders;

    @Test
    void everyTaskEndsAccountedForAndEveryItemIsTakenOnce() throws Exception {
        List<Planned> plans = new ArrayList<>(TASKS);
        runTest(loop -> {
            loop.runUntilComplete(main(plans));
            assertEquals(Set.of(), Set.copyOf(allTasks(loop)), "tasks left pending");
        });

        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Planned plan : plans) {
            Outcome outcome = outcomeOf(plan.task);
            Outcome expected = plan.cancelRequested ? Outcome.CANCELLED : plan.predicted;
            if (outcome != expected) {
                fail(plan.kind + " task " + plan.task + " ended " + outcome + ", expected " + expected + " (seed " + SEED + ")");
            }
            counts.merge(outcome, 1, Integer::sum);
        }
        assertEquals(TASKS, counts.values().stream().mapToInt(Integer::intValue).sum());
        for (Outcome outcome : Outcome.values()) {
            assertTrue(counts.getOrDefault(outcome, 0) > TASKS / 50, "too few " + outcome + " to exercise it: " + counts);
        }

        assertTrue(consumed.size() > TASKS / 10, "too little queue traffic: " + consumed.size() + " items");
        assertEquals(1, maxLockHolders, "the lock was held by more than one task at once");
        assertEquals(8, maxPermitHolders, "permits held at most at once");
        assertEquals("Lock[unlocked]", lock.toString());
        assertEquals("Semaphore[unlocked value=8]", semaphore.toString());
        assertEquals("Event[set]", event.toString());
    }

    /** Starts every task, cancels some of them, waits for all, then empties the queue and checks the items. */
    @Async
    Coroutine<Void> main(List<Planned> plans) {
        EventLoop loop = getRunningLoop();
        loop.callLater(EVENT_SET_AT, event::set);
        for (int i = 0; i < TASKS; i++) {
            Planned plan = plan();
            plans.add(plan);
            if (random.nextInt(10) == 0) {
                double cancelAt = random.nextInt(400) * MILLISECOND + 0.25 * MILLISECOND;
                loop.callLater(cancelAt, () -> plan.cancelRequested = plan.task.cancel());
            }
        }
        List<Task<Integer>> tasks = new ArrayList<>(TASKS);
        for (Planned plan : plans) {
            tasks.add(plan.task);
        }
        await(gather(true, tasks));

        List<Integer> leftInQueue = new ArrayList<>();
        while (!queue.empty()) {
            leftInQueue.add(queue.getNowait());
            queue.taskDone();
        }
        await(queue.join()); // every item is marked done: it must not suspend
        assertEquals("Queue[maxsize=64]", queue.toString());
        Set<Integer> takenOut = new HashSet<>(consumed);
        takenOut.addAll(leftInQueue);
        assertEquals(consumed.size() + leftInQueue.size(), takenOut.size(), "an item was taken twice");
        assertEquals(new HashSet<>(produced), takenOut, "items put and items taken out");
        assertEquals(produced.size(), takenOut.size(), "an item was put twice");
        return result(null);
    }

    /** Picks a kind and its random times, starts the task, and predicts its outcome if nobody cancels it. */
    private Planned plan() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return new Planned(Kind.PRODUCER, createTask(producer(1 + random.nextInt(5), sleepTime())), Outcome.RESULT);
        }
        if (roll < 30) {
            return new Planned(Kind.CONSUMER, createTask(consumer(timeoutTime(), sleepTime())), Outcome.RESULT);
        }
        if (roll < 40) {
            return new Planned(Kind.LOCK, createTask(locker(sleepTime())), Outcome.RESULT);
        }
        if (roll < 55) {
            return new Planned(Kind.SEMAPHORE, createTask(permitHolder(sleepTime())), Outcome.RESULT);
        }
        if (roll < 75) {
            double work = sleepTime();
            double limit = timeoutTime();
            return new Planned(Kind.TIMEOUT, createTask(timeoutTask(work, limit)), work < limit ? Outcome.RESULT : Outcome.TIMEOUT);
        }
        if (roll < 90) {
            double delay = random.nextInt(400) * MILLISECOND;
            double limit = timeoutTime();
            boolean setInTime = delay + limit > EVENT_SET_AT; // set before it waits, or while it waits
            return new Planned(Kind.EVENT, createTask(eventWaiter(delay, limit)), setInTime ? Outcome.RESULT : Outcome.TIMEOUT);
        }
        return new Planned(Kind.SLEEP, createTask(sleeper(sleepTime())), Outcome.RESULT);
    }

    /** A random sleep: 1 to 20 whole milliseconds. */
    private double sleepTime() {
        return (1 + random.nextInt(20)) * MILLISECOND;
    }

    /** A random timeout: 1 to 20 milliseconds and a half. */
    private double timeoutTime() {
        return sleepTime() + 0.5 * MILLISECOND;
    }

    private static Outcome outcomeOf(Task<Integer> task) {
        if (!task.done()) {
            throw new AssertionError("still pending: " + task);
        }
        if (task.cancelled()) {
            return Outcome.CANCELLED;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return Outcome.RESULT;
        }
        if (failure instanceof TimeoutException) {
            return Outcome.TIMEOUT;
        }
        throw new AssertionError(task + " failed", failure);
    }

    // ---------------------------------------------------------------------------------------------
    // The tasks

    @Async
    Coroutine<Integer> sleeper(double seconds) {
        await(sleep(seconds));
        return result(1);
    }

    @Async
    Coroutine<Integer> producer(int items, double pause) {
        int put = 0;
        for (int i = 0; i < items; i++) {
            int item = nextItem++;
            try {
                await(waitFor(queue.put(item), 10.5 * MILLISECOND));
                produced.add(item);
                put++;
            } catch (TimeoutException queueStayedFull) {
                // the item was not put
            }
            await(sleep(pause));
        }
        return result(put);
    }

    @Async
    Coroutine<Integer> consumer(double patience, double pause) {
        int got = 0;
        while (true) {
            Integer item;
            try {
                item = await(waitFor(queue.get(), patience));
            } catch (TimeoutException queueStayedEmpty) {
                return result(got);
            }
            consumed.add(item);
            queue.taskDone();
            got++;
            await(sleep(pause));
        }
    }

    @Async
    Coroutine<Integer> locker(double hold) {
        await(lock.acquire());
        try {
            lockHolders++;
            maxLockHolders = Math.max(maxLockHolders, lockHolders);
            await(sleep(hold));
        } finally {
            lockHolders--;
            lock.release();
        }
        return result(1);
    }

    @Async
    Coroutine<Integer> permitHolder(double hold) {
        return result(await(semaphore.withPermit(() -> holdPermit(hold))));
    }

    @Async
    Coroutine<Integer> holdPermit(double hold) {
        permitHolders++;
        maxPermitHolders = Math.max(maxPermitHolders, permitHolders);
        try {
            await(sleep(hold));
        } finally {
            permitHolders--;
        }
        return result(1);
    }

    @Async
    Coroutine<Integer> timeoutTask(double work, double limit) {
        return result(await(waitFor(sleeper(work), limit)));
    }

    @Async
    Coroutine<Integer> eventWaiter(double delay, double limit) {
        await(sleep(delay));
        await(waitFor(event.await(), limit));
        return result(1);
    }
}
