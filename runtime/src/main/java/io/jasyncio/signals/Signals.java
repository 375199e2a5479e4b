// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.signals;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import java.util.Objects;

/**
 * Unix signal handlers on an event loop, asyncio's {@code loop.add_signal_handler} and
 * {@code loop.remove_signal_handler}, for {@code import static io.jasyncio.signals.Signals.*}:
 *
 * <pre>{@code
 * Event stop = new Event();
 * addSignalHandler(SIGTERM, stop::set);   // on the running loop
 * await(stop.await());
 * }</pre>
 *
 * <p>A signal is named as in asyncio, {@code "SIGTERM"} (or {@code "TERM"}). The callback runs on
 * the loop's thread, in a later iteration, once for each signal the JVM delivers (signals that arrive
 * together may be delivered once). Each loop has at most one handler per signal; several loops may
 * handle the same signal, and each runs its own. The loop must be a {@link SelectorEventLoop}, which
 * removes its handlers when it closes. A handler of SIGINT replaces {@code run()}'s Ctrl-C handling
 * while it is set, and gives it back when removed.
 *
 * <p>The JVM keeps some signals to itself, and these are refused with an
 * {@link IllegalArgumentException} naming the signal and why: SIGQUIT (thread dumps), SIGILL,
 * SIGFPE, SIGSEGV, SIGBUS (the JVM's own faults), and SIGKILL and SIGSTOP, which no process can
 * catch. A JVM started with {@code -Xrs} refuses SIGINT, SIGTERM, SIGHUP and SIGQUIT.
 */
public final class Signals {
    /** The interrupt signal, Ctrl-C in a terminal. */
    public static final String SIGINT = "SIGINT";

    /** The termination signal: {@code kill PID}, or a service manager stopping the program. */
    public static final String SIGTERM = "SIGTERM";

    /** The hang-up signal: the terminal closed, or, by convention, "reload your configuration". */
    public static final String SIGHUP = "SIGHUP";

    /** The first user-defined signal. */
    public static final String SIGUSR1 = "SIGUSR1";

    /** The second user-defined signal. */
    public static final String SIGUSR2 = "SIGUSR2";

    private Signals() {
    }

    /**
     * Runs {@code callback} on the running loop's thread whenever {@code signal} arrives, asyncio's
     * {@code loop.add_signal_handler(sig, callback)}; replaces the loop's previous handler of that
     * signal. {@link IllegalArgumentException} for an unknown signal or one the JVM keeps.
     */
    public static void addSignalHandler(String signal, Runnable callback) {
        addSignalHandler(EventLoop.getRunningLoop(), signal, callback);
    }

    /** Like {@link #addSignalHandler(String, Runnable)}, on {@code loop}, which need not be running. */
    public static void addSignalHandler(EventLoop loop, String signal, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        String jdkName = SignalNames.jdkName(Objects.requireNonNull(signal, "signal"));
        if (!(loop instanceof SelectorEventLoop)) {
            throw new IllegalArgumentException("signal handlers need a SelectorEventLoop, not " + loop);
        }
        if (loop.isClosed()) {
            throw new IllegalStateException("Event loop is closed");
        }
        SignalDispatcher.add(loop, jdkName, callback);
    }

    /**
     * Removes the running loop's handler of {@code signal}, asyncio's
     * {@code loop.remove_signal_handler(sig)}: the signal gets the handling it had before. Returns
     * whether the loop had a handler for it; a callback already queued for that signal does not run.
     */
    public static boolean removeSignalHandler(String signal) {
        return removeSignalHandler(EventLoop.getRunningLoop(), signal);
    }

    /** Like {@link #removeSignalHandler(String)}, on {@code loop}. */
    public static boolean removeSignalHandler(EventLoop loop, String signal) {
        return SignalDispatcher.remove(loop, SignalNames.jdkName(Objects.requireNonNull(signal, "signal")));
    }

    /**
     * Removes every signal handler of {@code loop}, as asyncio's {@code loop.close()} does; called by
     * {@link SelectorEventLoop#close()}.
     */
    public static void removeSignalHandlers(EventLoop loop) {
        SignalDispatcher.removeAll(loop);
    }
}
