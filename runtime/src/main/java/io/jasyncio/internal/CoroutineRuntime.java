// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime operations behind {@link WovenCode}, implemented in {@code io.jasyncio}, where the
 * state of tasks and coroutines is package-private. The runtime installs its implementation once,
 * when {@link Coroutine} is initialised, which happens before any coroutine exists.
 */
public abstract class CoroutineRuntime {
    private static volatile CoroutineRuntime installed;

    /** For the runtime's one implementation. */
    protected CoroutineRuntime() {
    }

    /** Installs the runtime's implementation; only the first call counts. */
    public static synchronized void install(CoroutineRuntime runtime) {
        if (installed == null) {
            installed = runtime;
        }
    }

    /** The installed implementation, initialising {@link Coroutine} first if nobody has yet. */
    static CoroutineRuntime installed() {
        if (installed == null) {
            try {
                Class.forName(Coroutine.class.getName(), true, CoroutineRuntime.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new AssertionError(impossible);
            }
        }
        return installed;
    }

    /** See {@link WovenCode#await(Object, Object)}, for an awaitable that is not a coroutine. */
    protected abstract Object await(Coroutine<?> frame, Object awaitable);

    /**
     * See {@link WovenCode#await(Object, Object)}, for a coroutine: apart from {@link #await} so that
     * each stays small for the JIT compiler to inline into the woven bodies.
     */
    protected abstract Object awaitCoroutine(Coroutine<?> frame, Coroutine<?> coroutine);

    /** Whether {@code stage} is done, for {@link WovenCode#isDone(Object)}. */
    protected abstract boolean isDone(CompletableFuture<?> stage);

    /** The outcome of {@code stage}, which is done, for {@link WovenCode#doneResult(Object)}. */
    protected abstract Object doneResult(CompletableFuture<?> stage);

    /** See {@link WovenCode#resumeValue(Object)}. */
    protected abstract Object resumeValue(Coroutine<?> frame);

    /** See {@link WovenCode#returnValue(Object, Object)}. */
    protected abstract Coroutine<?> returnValue(Object value, Coroutine<?> frame);

    /** See {@link WovenCode#emit(Object, Object)}. */
    protected abstract Object emit(Coroutine<?> frame, Object value);

    /** See {@link WovenCode#sentValue(Object)}. */
    protected abstract Object sentValue(Coroutine<?> frame);

    /** See {@link WovenCode#asyncGenerator(Coroutine)}. */
    protected abstract AsyncGenerator<?> asyncGenerator(Coroutine<?> frame);
}
