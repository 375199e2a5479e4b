// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loop's executors, asyncio's {@code run_in_executor} and default executor: jobs run on other
 * threads and their outcomes come back as futures of the loop. The loop delegates to it; the public
 * methods stay on {@link EventLoop}. Loop thread only.
 */
final class LoopExecutors {
    private final EventLoop loop;

    /** The executor of {@code runInExecutor(null, ...)}, created on first use. */
    private ExecutorService defaultExecutor;

    /** Whether the default executor was shut down; it cannot be used, or created, again. */
    private boolean shutdownCalled;

    LoopExecutors(EventLoop loop) {
        this.loop = loop;
    }

    /** {@link EventLoop#runInExecutor}: the job on {@code executor}, or on the default one if {@code null}. */
    <T> Future<T> run(Executor executor, Callable<T> job) {
        Executor target = executor != null ? executor : defaultExecutor();
        return CompletionStages.wrap(CompletableFuture.supplyAsync(() -> {
            try {
                return job.call();
            } catch (Exception failure) {
                throw new CompletionException(failure); // the wrapper that the bridge removes
            }
        }, target), loop);
    }

    private Executor defaultExecutor() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (defaultExecutor == null) {
            defaultExecutor = DefaultExecutor.create();
        }
        return defaultExecutor;
    }

    /** {@link EventLoop#setDefaultExecutor}. */
    void setDefault(ExecutorService executor) {
        defaultExecutor = executor;
    }

    /** {@link EventLoop#shutdownDefaultExecutor}: a future done once the default executor's jobs have ended. */
    Future<Void> shutdownDefault() {
        shutdownCalled = true;
        ExecutorService executor = defaultExecutor;
        if (executor == null) {
            Future<Void> nothingToWaitFor = loop.createFuture();
            nothingToWaitFor.setResult(null);
            return nothingToWaitFor;
        }
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        Thread joiner = new Thread(() -> {
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.DAYS)) {
                    // asyncio 3.11 waits as long as it takes
                }
                terminated.complete(null);
            } catch (InterruptedException interrupted) {
                terminated.completeExceptionally(interrupted);
            }
        }, "asyncio-shutdown-default-executor");
        joiner.setDaemon(true);
        joiner.start();
        return CompletionStages.wrap(terminated, loop);
    }

    /** Shuts the default executor down without waiting for its jobs, when the loop closes. */
    void close() {
        shutdownCalled = true;
        ExecutorService executor = defaultExecutor;
        if (executor != null) {
            defaultExecutor = null;
            executor.shutdown();
        }
    }
}
