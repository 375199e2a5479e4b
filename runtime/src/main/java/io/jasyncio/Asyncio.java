// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code asyncio} module: {@code run}, {@code createTask}, {@code gather}, {@code sleep} and
 * {@code await}, for {@code import static io.jasyncio.Asyncio.*}.
 *
 * <pre>{@code
 * @Async static Coroutine<String> main() {
 *     await(sleep(1));
 *     return result("done");
 * }
 * public static void main(String[] args) {
 *     System.out.println(run(main()));
 * }
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {
    }

    /**
     * Runs {@code main} on a new event loop until it ends, closes the loop, and returns the
     * coroutine's result or throws its exception as it was thrown, asyncio's {@code run()}. Fails at
     * once if a loop is already running in this thread.
     */
    public static <T> T run(Coroutine<T> main) {
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("run() cannot be called from a running event loop");
        }
        EventLoop loop = new EventLoop();
        try {
            return loop.runUntilComplete(main);
        } finally {
            loop.close();
        }
    }

    /** A new event loop on the system clock, not running, asyncio's {@code new_event_loop()}. */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /** The loop running in this thread; {@link IllegalStateException} if none is. */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /** The task whose step is running in this thread's loop, or {@code null} outside of a task. */
    public static Task<?> currentTask() {
        return EventLoop.getRunningLoop().currentTask();
    }

    /** Wraps {@code coroutine} in a task of the running loop; its first step runs in the next iteration. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoop.getRunningLoop().createTask(coroutine);
    }

    /** Like {@link #createTask(Coroutine)}, naming the task. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoop.getRunningLoop().createTask(coroutine, name);
    }

    /** Returns a future unchanged and wraps a coroutine in a task, asyncio's {@code ensure_future()}. */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            return future;
        }
        return EventLoop.getRunningLoop().ensureFuture(awaitable);
    }

    /**
     * A coroutine that suspends for {@code seconds}; zero or less yields exactly one loop iteration.
     * Like every coroutine, it starts counting when it is awaited, not when it is created.
     */
    public static Coroutine<Void> sleep(double seconds) {
        return new Sleep<>(seconds, null);
    }

    /** Like {@link #sleep(double)}, and then returns {@code result}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return new Sleep<>(seconds, result);
    }

    /**
     * A future for the results of {@code awaitables}, in argument order. Coroutines are wrapped in
     * tasks, in argument order. The first exception finishes the gather and reaches its awaiter; the
     * other children keep running. Cancelling the gather cancels the children.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return Gather.of(Arrays.asList(awaitables), false);
    }

    /** Like {@link #gather(Awaitable[])}, for a list of awaitables. */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(awaitables, false);
    }

    /**
     * Like {@link #gather(Awaitable[])}, but with {@code returnExceptions} a failed or cancelled child
     * puts its exception in the result list instead of finishing the gather.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(boolean returnExceptions, Awaitable<? extends T>... awaitables) {
        return Gather.of(Arrays.asList(awaitables), returnExceptions);
    }

    /**
     * Suspends the current task until {@code awaitable} is done and returns its result, or throws its
     * exception as it was thrown. A coroutine runs inline in the current task; something already done
     * returns at once without suspending. Only an {@code @Async} method may call it, and only once it
     * has been woven: unwoven, this throws {@link IllegalStateException} naming the method.
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw Unwoven.awaitCalledFrom(StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElse(null));
    }

    /**
     * What an {@code @Async} method returns: {@code return result(value);} ends the coroutine with
     * {@code value}. Outside a woven return, it is a coroutine that returns {@code value} when run.
     */
    public static <T> Coroutine<T> result(T value) {
        return new CompletedCoroutine<>(value);
    }
}
