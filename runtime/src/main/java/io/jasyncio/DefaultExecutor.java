// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that {@code runInExecutor(null, job)} and {@code toThread} use, asyncio's default
 * {@code ThreadPoolExecutor(thread_name_prefix='asyncio')}: at most {@code min(32, cpus + 4)}
 * threads, named {@code asyncio-0}, {@code asyncio-1}, ..., started as jobs arrive. The threads are
 * daemons, so that a job left running never keeps the JVM alive, and idle ones end after a minute.
 */
final class DefaultExecutor {
    private static final long IDLE_SECONDS = 60;

    private DefaultExecutor() {
    }

    /** A new default executor. */
    static ExecutorService create() {
        int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), job -> {
                    Thread thread = new Thread(job, "asyncio-" + threadNumber.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
