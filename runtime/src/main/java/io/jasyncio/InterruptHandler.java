// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a {@link Runner} does with Ctrl-C while it runs a coroutine, asyncio 3.11's
 * {@code Runner._on_sigint}: the first SIGINT cancels the main task (which may clean up, and await
 * while doing so), a second one does what SIGINT did before, which for a JVM is to exit.
 *
 * <p>The handler is the JVM's only one for SIGINT, so one runner at a time installs it, as asyncio
 * installs it only in the main thread; a JVM started with {@code -Xrs} or without signals gets none.
 * Signals arrive on a thread of their own, so the cancellation is handed to the loop's thread.
 */
final class InterruptHandler implements SignalHandler {
    private static final Signal INTERRUPT = new Signal("INT");

    /** Whether some runner's handler is installed. */
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final Task<?> mainTask;

    /** The handler SIGINT had before, given back by {@link #uninstall}; set just after installing. */
    private volatile SignalHandler previous = SignalHandler.SIG_DFL;

    /** How many SIGINTs arrived since the handler was installed. */
    private final AtomicInteger interrupts = new AtomicInteger();

    private InterruptHandler(Task<?> mainTask) {
        this.mainTask = mainTask;
    }

    /** Installs a handler that cancels {@code mainTask}, or returns {@code null} if another runner's is installed. */
    static InterruptHandler install(Task<?> mainTask) {
        if (!INSTALLED.compareAndSet(false, true)) {
            return null;
        }
        InterruptHandler handler = new InterruptHandler(mainTask);
        try {
            handler.previous = Signal.handle(INTERRUPT, handler);
            return handler;
        } catch (IllegalArgumentException | UnsupportedOperationException signalsNotAvailable) {
            INSTALLED.set(false);
            return null;
        }
    }

    /** Whether a SIGINT arrived while the handler was installed. */
    boolean interrupted() {
        return interrupts.get() > 0;
    }

    /** Gives SIGINT back to the handler it had before. */
    void uninstall() {
        Signal.handle(INTERRUPT, previous);
        INSTALLED.set(false);
    }

    @Override
    public void handle(Signal signal) {
        // done() is read without the loop's thread: at worst a task that just ended is cancelled in vain
        if (interrupts.incrementAndGet() == 1 && !mainTask.done()) {
            mainTask.getLoop().callSoonThreadsafe(mainTask::cancel);
            return;
        }
        uninstall();
        Signal.raise(INTERRUPT);
    }
}
