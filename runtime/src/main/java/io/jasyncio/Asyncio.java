// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.graph.FutureCallGraph;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

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
     * Runs {@code main} on a new event loop until it ends and returns the coroutine's result or throws
     * its exception as it was thrown, asyncio's {@code run()}; then shuts the loop down as
     * {@link Runner#close()} does: cancels the tasks left and waits for them, shuts the default
     * executor down, closes the loop. Fails at once if a loop is already running in this thread.
     */
    public static <T> T run(Coroutine<T> main) {
        checkNoLoopRunning();
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /** Like {@link #run(Coroutine)}, with the loop in debug mode or not, asyncio's {@code run(main, debug=...)}. */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        checkNoLoopRunning();
        try (Runner runner = new Runner(debug)) {
            return runner.run(main);
        }
    }

    /**
     * Runs {@code mainOfLoop.apply(i)} on loop {@code i} of a new {@link LoopGroup} with one loop per
     * available processor, until all have ended, and returns their results in loop order; then shuts
     * every loop down as {@link #run(Coroutine)} shuts its loop down. The first failure cancels the
     * other loops' coroutines and is thrown once they have ended. What a server calls to use every core.
     */
    public static <T> List<T> runOnEveryCore(IntFunction<? extends Coroutine<T>> mainOfLoop) {
        checkNoLoopRunning();
        try (LoopGroup loops = LoopGroup.ofEveryCore()) {
            return loops.run(mainOfLoop);
        }
    }

    private static void checkNoLoopRunning() {
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("run() cannot be called from a running event loop");
        }
    }

    /**
     * A new event loop on the system clock, not running, asyncio's {@code new_event_loop()}: a
     * {@link SelectorEventLoop}, which waits for I/O as well as for timers.
     */
    public static EventLoop newEventLoop() {
        return new SelectorEventLoop();
    }

    /** The loop running in this thread; {@link IllegalStateException} if none is. */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /** The task whose step is running in this thread's loop, or {@code null} outside of a task. */
    public static Task<?> currentTask() {
        return EventLoop.getRunningLoop().currentTask();
    }

    /**
     * The tasks of the running loop that are not done, in creation order, asyncio's
     * {@code all_tasks()}. As in asyncio, the loop holds a task that waits on a future only weakly:
     * if nothing references the task or the future, it may be collected before it ends, so keep a
     * reference to the tasks you start. A task that is ready to run or sleeps is held by the loop.
     */
    public static Set<Task<?>> allTasks() {
        return EventLoop.getRunningLoop().allTasks();
    }

    /** The tasks of {@code loop} that are not done, asyncio's {@code all_tasks(loop)}; from the loop's thread. */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        return loop.allTasks();
    }

    /**
     * What {@code future} is doing and who awaits it, asyncio 3.14's {@code capture_call_graph(fut)}: an
     * immutable graph with, for a task, its call stack (for a suspended task, one frame per coroutine of
     * its chain of awaits, each at the line of its await) and, recursively, the graphs of the tasks and
     * futures that await it. From the loop's thread.
     */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return CallGraphs.capture(Objects.requireNonNull(future, "future"));
    }

    /** {@link #captureCallGraph(Future)} of the current task, or {@code null} outside of a task. */
    public static FutureCallGraph captureCallGraph() {
        Task<?> task = currentTask();
        return task == null ? null : CallGraphs.capture(task);
    }

    /** The graph of {@code future} as text, asyncio 3.14's {@code format_call_graph}; see {@link FutureCallGraph#format()}. */
    public static String formatCallGraph(Future<?> future) {
        return captureCallGraph(future).format();
    }

    /** Prints the call graph of the current task to {@code System.out}, asyncio 3.14's {@code print_call_graph()}. */
    public static void printCallGraph() {
        FutureCallGraph graph = captureCallGraph();
        if (graph != null) {
            System.out.println(graph.format());
        }
    }

    /**
     * Records that {@code waiter} awaits {@code future}, asyncio 3.14's {@code future_add_to_awaited_by}:
     * for a combinator that waits on futures through callbacks, so that call graphs show it. Tasks
     * suspended on a future, {@code gather}, {@code TaskGroup} and {@code waitFor} need no call.
     * Thread-safe.
     */
    public static void futureAddToAwaitedBy(Future<?> future, Future<?> waiter) {
        AwaitedBy.add(Objects.requireNonNull(future, "future"), Objects.requireNonNull(waiter, "waiter"));
    }

    /** Takes back {@link #futureAddToAwaitedBy}, asyncio 3.14's {@code future_discard_from_awaited_by}. Thread-safe. */
    public static void futureDiscardFromAwaitedBy(Future<?> future, Future<?> waiter) {
        AwaitedBy.discard(Objects.requireNonNull(future, "future"), Objects.requireNonNull(waiter, "waiter"));
    }

    /** Wraps {@code coroutine} in a task of the running loop; its first step runs in the next iteration. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoop.getRunningLoop().createTask(coroutine);
    }

    /** Like {@link #createTask(Coroutine)}, naming the task. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoop.getRunningLoop().createTask(coroutine, name);
    }

    /** Like {@link #createTask(Coroutine, String)}, running every step in {@code context}, asyncio's {@code create_task(coro, context=ctx)}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        return EventLoop.getRunningLoop().createTask(coroutine, name, context);
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

    /** Like {@link #gather(boolean, Awaitable[])}, for a list of awaitables. */
    public static <T> Future<List<T>> gather(
            boolean returnExceptions, List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(awaitables, returnExceptions);
    }

    // ---------------------------------------------------------------------------------------------
    // Timeouts, waiting, shielding and task groups. A timeout is in seconds, any Number (so that
    // both 1 and 0.5 read as in Python), or null for None: no timeout.

    /** {@code wait()} returns as soon as any future is done or cancelled. */
    public static final ReturnWhen FIRST_COMPLETED = ReturnWhen.FIRST_COMPLETED;

    /** {@code wait()} returns as soon as any future fails, or when all are done. */
    public static final ReturnWhen FIRST_EXCEPTION = ReturnWhen.FIRST_EXCEPTION;

    /** {@code wait()} returns when all futures are done. */
    public static final ReturnWhen ALL_COMPLETED = ReturnWhen.ALL_COMPLETED;

    /**
     * A coroutine that awaits {@code awaitable} for at most {@code timeout} seconds, asyncio 3.11's
     * {@code wait_for()}: with a timeout, a coroutine runs in a new task; when the timeout passes, the
     * task (or future) is cancelled and awaited, then {@link TimeoutException} is thrown with the
     * {@link CancelledError} as its cause, unless it swallowed the cancellation and returned a value,
     * which is returned. A timeout of zero or less cancels at once, before a coroutine's body runs;
     * {@code null} awaits without a timeout. Cancelling the awaiting task cancels the awaitable.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Number timeout) {
        return new WaitFor<>(requireAwaitable(awaitable), secondsOrNull(timeout, "timeout"));
    }

    /**
     * A block whose body gets {@link CancelledError} at its current await once {@code delay} seconds
     * have passed since the block started, and that then throws {@link TimeoutException} instead,
     * asyncio's {@code async with asyncio.timeout(delay)}; {@code null} sets no deadline. Python's
     * <pre>{@code
     * async with asyncio.timeout(1.5):
     *     value = await fetch()
     * }</pre>
     * is {@code String value = await(timeout(1.5, () -> result(await(fetch()))));}. The body, an async
     * lambda, runs inline in the current task; the block returns its result or throws exactly what
     * asyncio's {@code __aexit__} would: the body's exception unchanged, or a {@link TimeoutException}
     * whose cause is the {@code CancelledError} that the deadline caused. See {@link Timeout}.
     */
    public static <T> Coroutine<T> timeout(Number delay, Supplier<? extends Coroutine<? extends T>> body) {
        return timeout(delay, ignoringTheTimeout(body));
    }

    /**
     * Like {@link #timeout(Number, Supplier)}, with a body that receives the {@link Timeout}, to read
     * {@link Timeout#expired()} or {@link Timeout#when()}, or to {@link Timeout#reschedule} it:
     * {@code async with asyncio.timeout(delay) as cm:}.
     */
    public static <T> Coroutine<T> timeout(
            Number delay, Function<? super Timeout, ? extends Coroutine<? extends T>> body) {
        return Timeout.block(secondsOrNull(delay, "delay"), true, body);
    }

    /**
     * Like {@link #timeout(Number, Supplier)} with a deadline at loop time {@code when}
     * ({@link EventLoop#time()}), asyncio's {@code timeout_at(when)}; {@code null} sets none.
     */
    public static <T> Coroutine<T> timeoutAt(Number when, Supplier<? extends Coroutine<? extends T>> body) {
        return timeoutAt(when, ignoringTheTimeout(body));
    }

    /** Like {@link #timeoutAt(Number, Supplier)}, with a body that receives the {@link Timeout}. */
    public static <T> Coroutine<T> timeoutAt(
            Number when, Function<? super Timeout, ? extends Coroutine<? extends T>> body) {
        return Timeout.block(secondsOrNull(when, "when"), false, body);
    }

    /**
     * A coroutine that waits until all {@code futures} are done and returns them as done, asyncio's
     * {@code wait(fs)}. Call it as {@code Asyncio.wait(...)}: inside a class, {@link Object#wait()}
     * hides a static import of it.
     */
    public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(Collection<F> futures) {
        return wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * A coroutine that waits until all {@code futures} are done or {@code timeout} seconds have
     * passed ({@code null}: no timeout), asyncio's {@code wait(fs, timeout=)}.
     */
    public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(Collection<F> futures, Number timeout) {
        return wait(futures, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * A coroutine that waits until {@code returnWhen} holds for {@code futures} or {@code timeout}
     * seconds have passed ({@code null}: no timeout), then returns the done and the pending ones,
     * asyncio's {@code wait(fs, timeout=, return_when=)}. It throws none of their exceptions and
     * cancels nothing, not even when the waiting task is cancelled. An empty collection is refused
     * when it is awaited ({@link IllegalArgumentException}, Python's {@code ValueError}); coroutines
     * are refused by the type, as Python refuses them.
     */
    public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(
            Collection<F> futures, Number timeout, ReturnWhen returnWhen) {
        return new Wait<>(Objects.requireNonNull(futures, "futures"), secondsOrNull(timeout, "timeout"),
                Objects.requireNonNull(returnWhen, "returnWhen"));
    }

    /**
     * Coroutines that return the results of {@code awaitables} in the order they complete, asyncio
     * 3.11's {@code as_completed()}: {@code for (Coroutine<T> next : asCompleted(tasks, null)) { T
     * value = await(next); }}. Coroutines among the awaitables are wrapped in tasks now. Once
     * {@code timeout} seconds have passed ({@code null}: never), the coroutines left throw
     * {@link TimeoutException}; nothing is cancelled. Iterated asynchronously instead, as 3.13's
     * {@code async for}, it hands out the futures themselves in the order they complete; see {@link AsCompleted}.
     */
    public static <T> AsCompleted<T> asCompleted(
            Collection<? extends Awaitable<? extends T>> awaitables, Number timeout) {
        return new AsCompleted<>(
                Objects.requireNonNull(awaitables, "awaitables"), secondsOrNull(timeout, "timeout"));
    }

    /**
     * A future that mirrors {@code awaitable} but protects it from cancellation, asyncio's
     * {@code shield()}: cancelling the task that awaits the shield throws {@link CancelledError} in it
     * at once, while the awaitable (a coroutine runs in a new task) goes on running.
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Shield.of(requireAwaitable(awaitable));
    }

    /**
     * A task group, asyncio's {@code async with asyncio.TaskGroup() as tg:}. Python's
     * <pre>{@code
     * async with asyncio.TaskGroup() as tg:
     *     t1 = tg.create_task(fetch("a"))
     *     t2 = tg.create_task(fetch("b"))
     * print(t1.result(), t2.result())
     * }</pre>
     * is
     * <pre>{@code
     * List<Task<String>> tasks = await(taskGroup(tg -> result(List.of(
     *         tg.createTask(fetch("a")), tg.createTask(fetch("b"))))));
     * }</pre>
     * The body, an async lambda, runs inline in the current task; the block then waits for every
     * task of the group and returns the body's result, or throws exactly what asyncio's
     * {@code __aexit__} would: an {@link ExceptionGroup} of every failure, or the
     * {@link CancelledError} of a cancellation from outside. See {@link TaskGroup}.
     */
    public static <T> Coroutine<T> taskGroup(Function<? super TaskGroup, ? extends Coroutine<? extends T>> body) {
        return TaskGroup.block(body);
    }

    /** {@code seconds} as a double, {@code null} for none; NaN is refused, naming the parameter. */
    static Double secondsOrNull(Number seconds, String name) {
        if (seconds == null) {
            return null;
        }
        double value = seconds.doubleValue();
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
        return value;
    }

    /**
     * A body that receives the {@link Timeout} and does not look at it. An anonymous class, not a
     * lambda: the agent weaves every lambda that returns {@code Coroutine} of the classes it loads, the
     * runtime's too, and this one must call {@code body} when it is called.
     */
    private static <T> Function<Timeout, Coroutine<? extends T>> ignoringTheTimeout(
            Supplier<? extends Coroutine<? extends T>> body) {
        Objects.requireNonNull(body, "body");
        return new Function<>() {
            @Override
            public Coroutine<? extends T> apply(Timeout unused) {
                return body.get();
            }
        };
    }

    private static <T> Awaitable<T> requireAwaitable(Awaitable<T> awaitable) {
        return Objects.requireNonNull(awaitable, "awaitable");
    }

    /**
     * Suspends the current task until {@code awaitable} is done and returns its result, or throws its
     * exception as it was thrown. A coroutine runs inline in the current task; something already done
     * returns at once without suspending. Only an {@code @Async} method may call it, and only once it
     * has been woven: unwoven, this throws {@link NotWovenError} naming the method.
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw Unwoven.awaitCalledFrom(StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElse(null));
    }

    /**
     * Suspends the current task until {@code stage} is done and returns its value, or throws its
     * exception as it was thrown (without Java's {@code CompletionException} around it), or
     * {@link CancelledError} if it was cancelled. A {@link CompletableFuture} that is done already
     * returns at once without suspending; otherwise the stage's outcome is brought to the loop's thread
     * as asyncio's {@code wrap_future} does, and cancelling the awaiting task cancels the stage. Only an
     * {@code @Async} method may call it, and only once it has been woven: unwoven, this throws
     * {@link NotWovenError} naming the method.
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw Unwoven.awaitCalledFrom(StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElse(null));
    }

    /**
     * A coroutine that runs {@code job} in a thread of the running loop's default executor, in the
     * context of the awaiting task (see {@link ContextVar}), and returns its result or throws its
     * exception, asyncio's {@code to_thread}. Like every coroutine, it does nothing until awaited.
     */
    public static <T> Coroutine<T> toThread(Callable<T> job) {
        return new ToThread<>(job);
    }

    /**
     * Submits {@code coroutine} to {@code loop} from another thread, asyncio's
     * {@code run_coroutine_threadsafe}: the loop wraps it in a task, and the returned future completes
     * with the task's outcome. Cancelling the returned future cancels the task.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        Objects.requireNonNull(coroutine, "coroutine");
        CompletableFuture<T> outcome = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                CompletionStages.chain(loop.createTask(coroutine), outcome);
            } catch (RuntimeException | Error failure) {
                outcome.completeExceptionally(failure);
                throw failure;
            }
        });
        return outcome;
    }

    /**
     * A future of the running loop that ends as {@code stage} does, asyncio's {@code wrap_future}: the
     * outcome is brought to the loop's thread, and cancelling the future cancels the stage.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return CompletionStages.wrap(Objects.requireNonNull(stage, "stage"), EventLoop.getRunningLoop());
    }

    /**
     * What an {@code @Async} method returns: {@code return result(value);} ends the coroutine with
     * {@code value}. Outside a woven return, it is a coroutine that returns {@code value} when run.
     */
    public static <T> Coroutine<T> result(T value) {
        return new CompletedCoroutine<>(value);
    }
}
