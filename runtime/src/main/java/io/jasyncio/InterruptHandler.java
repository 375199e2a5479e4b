// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a {@link Runner} (or a {@link LoopGroup}) does with Ctrl-C while it runs a coroutine, asyncio
 * 3.11's {@code Runner._on_sigint}: the first SIGINT cancels the main task (which may clean up, and
 * await while doing so), a second one does what SIGINT did before, which for a JVM is to exit.
 *
 * <p>As asyncio's, it is installed only by a runner in the main thread, and only while SIGINT has
 * its default handling (the JVM's, which exits): a program's own handler is left alone, and so is a
 * JVM started with {@code -Xrs}. Giving SIGINT back restores the previous handling unless somebody
 * replaced this handler meanwhile. Signals arrive on a thread of their own, so the cancellation is
 * handed to the loop's thread.
 */
final class InterruptHandler implements SignalHandler {
    private static final Signal INTERRUPT = new Signal("INT");

    /** Whether some runner's handler is installed. */
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    /** Cancels the main task (or tasks) from the signal's thread; false if none was left to cancel. */
    private final BooleanSupplier cancelMain;

    /** The handler SIGINT had before, given back by {@link #uninstall}; set just after installing. */
    private volatile SignalHandler previous = SignalHandler.SIG_DFL;

    /** How many SIGINTs arrived since the handler was installed. */
    private final AtomicInteger interrupts = new AtomicInteger();

    /**
     * Whether the runner gave SIGINT back while somebody else's handler replaced this one, such as a
     * loop's {@code addSignalHandler}: that handler may later give SIGINT back to this one, which
     * then acts as the handling it replaced, and a runner may take SIGINT from it as from the JVM.
     */
    private volatile boolean retired;

    private InterruptHandler(BooleanSupplier cancelMain) {
        this.cancelMain = cancelMain;
    }

    /**
     * Installs a handler that cancels {@code mainTask}, or returns {@code null} when asyncio would not:
     * outside the main thread, or when SIGINT does not have its default handling.
     */
    static InterruptHandler install(Task<?> mainTask) {
        // done() is read without the loop's thread: at worst a task that just ended is cancelled in vain
        return install(() -> {
            if (mainTask.done()) {
                return false;
            }
            mainTask.getLoop().callSoonThreadsafe(mainTask::cancel);
            return true;
        });
    }

    /**
     * Installs a handler whose first SIGINT calls {@code cancelMain}, which cancels the main tasks
     * from the signal's thread and says whether any was left; {@code null} where {@link #install(Task)}
     * would not install.
     */
    static InterruptHandler install(BooleanSupplier cancelMain) {
        if (!isMainThread() || !INSTALLED.compareAndSet(false, true)) {
            return null;
        }
        InterruptHandler handler = new InterruptHandler(cancelMain);
        try {
            SignalHandler previous = Signal.handle(INTERRUPT, handler);
            if (previous instanceof InterruptHandler retiredRunners && retiredRunners.retired) {
                previous = retiredRunners.previous;
            }
            if (!isJvmDefault(previous)) {
                Signal.handle(INTERRUPT, previous);
                INSTALLED.set(false);
                return null;
            }
            handler.previous = previous;
            return handler;
        } catch (IllegalArgumentException | UnsupportedOperationException signalsNotAvailable) {
            INSTALLED.set(false);
            return null;
        }
    }

    /** The thread the JVM started {@code main} in, as far as Java can tell: named main, in the main group. */
    private static boolean isMainThread() {
        Thread thread = Thread.currentThread();
        ThreadGroup group = thread.getThreadGroup();
        return thread.getName().equals("main") && group != null && group.getName().equals("main");
    }

    /**
     * Whether {@code handler} is the JVM's own handling of SIGINT, which starts the JVM's shutdown.
     * {@code Signal.handle} gives a handler installed through {@code sun.misc} back as itself, and
     * the JVM's, installed inside the JDK, wrapped in {@code sun.misc.Signal$SunMiscHandler}
     * (checked on JDK 17 and 25).
     */
    private static boolean isJvmDefault(SignalHandler handler) {
        return handler == SignalHandler.SIG_DFL || handler.getClass().getName().equals("sun.misc.Signal$SunMiscHandler");
    }

    /** Whether a SIGINT arrived while the handler was installed. */
    boolean interrupted() {
        return interrupts.get() > 0;
    }

    /** Gives SIGINT back to the handler it had before. */
    void uninstall() {
        SignalHandler current = Signal.handle(INTERRUPT, previous);
        if (current != this) {
            Signal.handle(INTERRUPT, current); // somebody else's since: theirs stays
            retired = true;
        }
        INSTALLED.set(false);
    }

    @Override
    public void handle(Signal signal) {
        if (retired) { // given back after its runner ended: SIGINT does what it did before the runner
            Signal.handle(INTERRUPT, previous);
            Signal.raise(INTERRUPT);
            return;
        }
        if (interrupts.incrementAndGet() == 1 && cancelMain.getAsBoolean()) {
            return;
        }
        uninstall();
        Signal.raise(INTERRUPT);
    }
}
