// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop's async generator hooks, what asyncio installs with {@code sys.set_asyncgen_hooks}: the
 * generators whose first step was asked for while the loop ran ({@code firstiter}), held weakly;
 * {@link EventLoop#shutdownAsyncgens()}, which closes those still alive; and the finalizer, which
 * closes one that the garbage collector found unreachable while it was not ended, in a task of the
 * loop, as asyncio's {@code _asyncgen_finalizer_hook} does.
 */
final class AsyncGeneratorHooks {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private final EventLoop loop;

    /** The tracked generators, in the order of their first steps; loop thread only. */
    private final Set<Tracked> generators = new LinkedHashSet<>();

    /** asyncio's {@code _asyncgens_shutdown_called}. */
    private boolean shutdownCalled;

    AsyncGeneratorHooks(EventLoop loop) {
        this.loop = loop;
    }

    /** asyncio's {@code _asyncgen_firstiter_hook}: tracks {@code generator} until it is collected or shut down. */
    void firstIteration(RealAsyncGenerator<?> generator) {
        if (shutdownCalled) {
            LOGGER.log(Level.WARNING, "asynchronous generator " + generator
                    + " was scheduled after loop.shutdown_asyncgens() call");
        }
        generators.add(new Tracked(generator, this));
    }

    /**
     * asyncio's {@code _asyncgen_finalizer_hook}, on the cleaner's thread once {@code tracked}'s handle
     * is unreachable: unless the loop is closed, it forgets the generator and, if the generator has
     * not ended, closes it in a new task.
     */
    private void collected(Tracked tracked) {
        if (loop.isClosed()) {
            return;
        }
        try {
            loop.callSoonThreadsafe(() -> {
                generators.remove(tracked);
                if (tracked.core.needsClosing()) {
                    loop.createTask(new AsyncGeneratorStep(tracked.core, null, AsyncGeneratorStep.Kind.CLOSE, null)
                            .typed());
                }
            });
        } catch (IllegalStateException closedMeanwhile) {
            // the loop closed after the check: as asyncio, nothing closes the generator then
        }
    }

    /** {@link EventLoop#shutdownAsyncgens()}. */
    Coroutine<Void> shutdown() {
        return new Shutdown();
    }

    /** A generator tracked by the loop: a weak reference to its handle, and the cleaner's action when it is collected. */
    private static final class Tracked extends WeakReference<RealAsyncGenerator<?>> implements Runnable {
        final AsyncGeneratorCore core;
        private final AsyncGeneratorHooks hooks;

        Tracked(RealAsyncGenerator<?> generator, AsyncGeneratorHooks hooks) {
            super(generator);
            this.core = generator.core;
            this.hooks = hooks;
            Cleaners.CLEANER.register(generator, this);
        }

        @Override
        public void run() {
            hooks.collected(this);
        }
    }

    /**
     * asyncio's {@code shutdown_asyncgens()}: closes every tracked generator still reachable, all at
     * once ({@code gather}), and reports each close that failed to the exception handler.
     */
    private final class Shutdown extends HandWrittenCoroutine<Void> {
        private static final int CLOSED = 1;

        private final List<RealAsyncGenerator<?>> closing = new ArrayList<>();

        Shutdown() {
            super("EventLoop.shutdownAsyncgens");
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    shutdownCalled = true;
                    for (Tracked tracked : generators) {
                        RealAsyncGenerator<?> generator = tracked.get();
                        if (generator != null) {
                            closing.add(generator);
                        }
                    }
                    generators.clear();
                    if (closing.isEmpty()) {
                        return finish(null);
                    }
                    List<Awaitable<Void>> closes = new ArrayList<>();
                    for (RealAsyncGenerator<?> generator : closing) {
                        closes.add(generator.aclose());
                    }
                    return await(CLOSED, Asyncio.gather(true, closes));
                case CLOSED:
                    List<Object> results = awaited();
                    for (int index = 0; index < results.size(); index++) {
                        if (results.get(index) instanceof Exception failure) {
                            Map<String, Object> report = new LinkedHashMap<>();
                            report.put("message", "an error occurred during closing of asynchronous generator "
                                    + closing.get(index));
                            report.put("exception", failure);
                            report.put("asyncgen", closing.get(index));
                            loop.callExceptionHandler(report);
                        }
                    }
                    return finish(null);
                default:
                    throw badLabel(label);
            }
        }
    }
}
