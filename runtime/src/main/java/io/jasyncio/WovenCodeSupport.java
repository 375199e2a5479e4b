// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.CoroutineRuntime;
import io.jasyncio.internal.WovenCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The runtime's side of {@link io.jasyncio.internal.WovenCode}: what an {@code await} in woven code
 * does, written here because it needs the package-private state of tasks and coroutines. A future
 * suspends the task, a coroutine runs inline (deep in a chain of inline awaits, from the task's step,
 * to the same effect), and any other {@link CompletionStage} is bridged to a future of the task's
 * loop, as asyncio's {@code wrap_future} bridges a concurrent future.
 */
final class WovenCodeSupport extends CoroutineRuntime {
    /**
     * How many awaited coroutines may run inline, one inside the other on the Java stack, in one
     * step. An await deeper than that starts its coroutine from the step instead, so that a chain of
     * awaits is bounded by the heap, not the thread's stack, at the cost of one resume of the awaiter.
     */
    static final int MAX_INLINE_DEPTH = 100;

    @Override
    protected Object await(Coroutine<?> frame, Object awaitable) {
        Task<?> task = frame.task;
        if (awaitable instanceof Future<?> future) {
            if (future.done()) {
                return future.result();
            }
            return task.suspendOn(frame, future);
        }
        if (awaitable instanceof CompletionStage<?> stage) {
            return task.suspendOn(frame, CompletionStages.wrap(stage, task.loop));
        }
        throw notAwaitable(frame, awaitable);
    }

    @Override
    protected Object awaitCoroutine(Coroutine<?> frame, Coroutine<?> coroutine) {
        Task<?> task = frame.task;
        if (coroutine instanceof Sleep<?> sleep && sleep.task == null) {
            // The awaiting frame itself sleeps: the Sleep object is garbage from here on. Claiming it
            // still makes a second await of it fail, as for any coroutine.
            sleep.claim(task, frame);
            return sleep.suspendAwaiter(task, frame);
        }
        coroutine.claim(task, frame);
        TaskRegistry tasks = task.loop.tasks;
        int depth = tasks.inlineDepth;
        if (depth >= MAX_INLINE_DEPTH) {
            return task.startInStep(coroutine);
        }
        tasks.inlineDepth = depth + 1;
        Object outcome;
        try {
            // resume() called here, not through Coroutine.run: the descent costs four Java frames a
            // level (the body, WovenCode.await, this, the frame's resume) instead of five
            outcome = Coroutine.settle(coroutine, coroutine.resume());
        } catch (Throwable failure) {
            StackTraces.clean(failure); // the awaiter may catch it: each user frame once, from here on
            throw failure;
        } finally {
            tasks.inlineDepth = depth;
        }
        if (outcome != WovenCode.SUSPENDED) {
            coroutine.caller = null;
        }
        return outcome;
    }

    /** The error for {@code await(awaitable)} in {@code frame}, apart from {@link #await} to keep it small. */
    private static RuntimeException notAwaitable(Coroutine<?> frame, Object awaitable) {
        if (awaitable == null) {
            return new NullPointerException("await(null) in " + frame.functionName());
        }
        return new IllegalArgumentException("not awaitable: " + awaitable);
    }

    @Override
    protected boolean isDone(CompletableFuture<?> stage) {
        return CompletionStages.isDone(stage);
    }

    @Override
    protected Object doneResult(CompletableFuture<?> stage) {
        return CompletionStages.doneResult(stage);
    }

    @Override
    protected Object resumeValue(Coroutine<?> frame) {
        return frame.task.takeResumeValue();
    }

    @Override
    protected Coroutine<?> returnValue(Object value, Coroutine<?> frame) {
        return (Coroutine<?>) frame.complete(value);
    }

    @Override
    protected Object emit(Coroutine<?> frame, Object value) {
        if (!(frame.caller instanceof AsyncGeneratorStep step)) {
            throw new IllegalStateException("emit() in " + frame.functionName() + ", which no step of an async"
                    + " generator runs");
        }
        step.generator.emitted = true;
        return frame.complete(value);
    }

    @Override
    protected Object sentValue(Coroutine<?> frame) {
        return ((AsyncGeneratorStep) frame.caller).takeSent();
    }

    @Override
    protected AsyncGenerator<?> asyncGenerator(Coroutine<?> frame) {
        return new RealAsyncGenerator<>(frame);
    }
}
