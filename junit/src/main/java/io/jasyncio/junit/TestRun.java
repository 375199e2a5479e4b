// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import io.jasyncio.CancelledError;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.FakeClock;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.Task;
import io.jasyncio.TimerHandle;
import io.jasyncio.junit.AsyncTesting.AsyncBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One async test on a loop of its own: its set-up coroutines, its own coroutine and its tear-down
 * coroutines run one after the other as tasks of the loop, under one timeout in loop time; then the
 * {@link Leftovers} are checked and cleared, and the loop is closed. Used once, from one thread.
 */
final class TestRun {
    /** The run whose loop runs in this thread, for {@link AsyncTesting#runUntilIdle()}. */
    private static final ThreadLocal<TestRun> CURRENT = new ThreadLocal<>();

    private final TestOptions options;

    /** The test's name, the name of its task and the subject of its failure messages. */
    private final String name;

    private final List<AsyncBody> setUps;

    private final AsyncBody test;

    private final List<AsyncBody> tearDowns;

    private EventLoop loop;

    /** The loop time at which the test times out, or infinity. */
    private double deadline = Double.POSITIVE_INFINITY;

    /** The task running now: a set-up's, the test's or a tear-down's. */
    private Task<?> running;

    /** The task that the timeout cancelled, and the failure that it ends with. */
    private Task<?> timedOutTask;

    private AsyncTestTimeoutError timeoutError;

    TestRun(TestOptions options, String name, List<AsyncBody> setUps, AsyncBody test, List<AsyncBody> tearDowns) {
        this.options = options;
        this.name = name;
        this.setUps = setUps;
        this.test = test;
        this.tearDowns = tearDowns;
    }

    /** The loop time at which the test running on {@code loop} in this thread times out, or infinity. */
    static double deadlineOfRunningTest(EventLoop loop) {
        TestRun run = CURRENT.get();
        return run != null && run.loop == loop ? run.deadline : Double.POSITIVE_INFINITY;
    }

    /** Runs the test; throws the first failure as it was thrown, with the later ones suppressed in it. */
    void run() {
        loop = new SelectorEventLoop(options.virtualTime() ? new FakeClock() : Clock.system());
        Leftovers leftovers = new Leftovers(loop, options);
        CURRENT.set(this);
        Throwable failure = null;
        try {
            TimerHandle timeout = null;
            if (options.timeoutSeconds() > 0) {
                deadline = loop.time() + options.timeoutSeconds();
                timeout = loop.callAt(deadline, this::timeOut);
            }
            for (AsyncBody setUp : setUps) {
                failure = runPhase(setUp, name + " (set-up)");
                if (failure != null) {
                    break;
                }
            }
            if (failure == null) {
                failure = runPhase(test, name);
            }
            for (AsyncBody tearDown : tearDowns) {
                failure = combine(failure, runPhase(tearDown, name + " (tear-down)"));
            }
            if (timeout != null) {
                timeout.cancel();
            }
            failure = combine(failure, leftovers.checkAndClear(name));
        } catch (Throwable unexpected) {
            failure = combine(failure, unexpected);
        } finally {
            CURRENT.remove();
            leftovers.closeChannels();
            if (!loop.isRunning()) {
                loop.close();
            }
        }
        if (failure != null) {
            throw TestRun.<RuntimeException>sneakyThrow(failure);
        }
    }

    /** Runs one coroutine of the test as a task until it ends; returns its failure, or {@code null}. */
    private Throwable runPhase(AsyncBody body, String taskName) {
        if (timeoutError != null) {
            return null; // out of time: the test has failed already
        }
        Coroutine<?> coroutine;
        try {
            coroutine = body.start();
        } catch (Throwable failure) {
            return failure; // an unwoven method throws at its first await, naming itself
        }
        if (coroutine == null) {
            return new IllegalStateException(taskName + " returned null instead of a coroutine");
        }
        Task<?> task = loop.createTask(coroutine, taskName);
        running = task;
        try {
            loop.runUntilComplete(task);
            return task == timedOutTask ? timeoutError : null;
        } catch (Throwable failure) {
            if (task == timedOutTask) {
                if (failure instanceof CancelledError) {
                    timeoutError.initCause(failure);
                }
                return timeoutError;
            }
            if (!task.done()) {
                return stuck(task, failure);
            }
            return failure;
        } finally {
            running = null;
        }
    }

    /** The timeout's callback: cancels the running task, recording where it waited. */
    private void timeOut() {
        Task<?> task = running;
        if (task == null || task.done()) {
            return;
        }
        List<StackTraceElement> stack = task.getStack();
        timeoutError = new AsyncTestTimeoutError(String.format(Locale.ROOT,
                "%s timed out after %s s of %s loop time%s", task.getName(), seconds(options.timeoutSeconds()),
                options.virtualTime() ? "virtual" : "real",
                stack.isEmpty() ? "" : "; its coroutine waited in " + stack.get(0)),
                stack.toArray(new StackTraceElement[0]));
        timedOutTask = task;
        task.cancel("timed out");
    }

    /**
     * The failure of a task that the loop could not go on running: on virtual time, nothing was ready,
     * no timer pending and nothing could come from outside, so the task waits for what never comes.
     */
    private static AssertionError stuck(Task<?> task, Throwable failure) {
        AssertionError error = new AssertionError(task.getName() + " can never end: " + failure.getMessage()
                + "; its coroutine waits where its stack trace shows", failure);
        error.setStackTrace(task.getStack().toArray(new StackTraceElement[0]));
        return error;
    }

    private static String seconds(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    /** {@code first}, with {@code next} suppressed in it; whichever is not {@code null} if one is. */
    static Throwable combine(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.addSuppressed(next);
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneakyThrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
