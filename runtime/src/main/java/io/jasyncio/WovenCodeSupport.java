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
 * suspends the task, a coroutine runs inline, and any other {@link CompletionStage} is bridged to a
 * future of the task's loop, as asyncio's {@code wrap_future} bridges a concurrent future.
 */
final class WovenCodeSupport extends CoroutineRuntime {
    @Override
    protected Object await(Coroutine<?> frame, Object awaitable) {
        Task<?> task = frame.task;
        if (awaitable instanceof Future<?> future) {
            if (future.done()) {
                return future.result();
            }
            return task.suspendOn(frame, future);
        }
        if (awaitable instanceof Sleep<?> sleep && sleep.task == null) {
            // The awaiting frame itself sleeps: the Sleep object is garbage from here on. Claiming it
            // still makes a second await of it fail, as for any coroutine.
            sleep.claim(task, frame);
            return sleep.suspendAwaiter(task, frame);
        }
        if (awaitable instanceof Coroutine<?> coroutine) {
            coroutine.claim(task, frame);
            Object outcome;
            try {
                outcome = Coroutine.run(coroutine);
            } catch (Throwable failure) {
                StackTraces.clean(failure); // the awaiter may catch it: each user frame once, from here on
                throw failure;
            }
            if (outcome != WovenCode.SUSPENDED) {
                coroutine.caller = null;
            }
            return outcome;
        }
        if (awaitable instanceof CompletionStage<?> stage) {
            return task.suspendOn(frame, CompletionStages.wrap(stage, task.loop));
        }
        if (awaitable == null) {
            throw new NullPointerException("await(null) in " + frame.functionName());
        }
        throw new IllegalArgumentException("not awaitable: " + awaitable);
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
}
