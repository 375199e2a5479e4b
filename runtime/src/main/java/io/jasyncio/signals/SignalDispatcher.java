// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.signals;

import io.jasyncio.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The JVM's handler of one signal while some loop has a handler for it: it hands the signal to each
 * such loop, which runs its callback on its own thread, as asyncio's {@code _handle_signal} does
 * through the loop's self-pipe. Installed with the first loop's handler, it gives the signal back
 * to the handling it replaced with the last one (the JVM's, or a {@link io.jasyncio.Runner}'s
 * Ctrl-C handling), unless somebody else's handler replaced it meanwhile, which then stays.
 *
 * <p>The registry is guarded by the class's lock; the signal's thread reads the loops' handlers
 * without it.
 */
final class SignalDispatcher implements SignalHandler {
    /** The dispatcher installed for each signal, by the JDK's name of the signal ({@code "TERM"}). */
    private static final Map<String, SignalDispatcher> INSTALLED = new HashMap<>();

    private final Signal signal;

    /** What handled the signal before, given back when the last loop's handler goes. */
    private SignalHandler previous;

    /** The handler of each loop, read by the signal's thread. */
    private final Map<EventLoop, Registration> handlers = new ConcurrentHashMap<>();

    /** A loop's callback for the signal, which no longer runs once removed, even if already queued. */
    private static final class Registration implements Runnable {
        private final Runnable callback;
        private volatile boolean removed;

        Registration(Runnable callback) {
            this.callback = callback;
        }

        @Override
        public void run() {
            if (!removed) {
                callback.run();
            }
        }
    }

    private SignalDispatcher(Signal signal) {
        this.signal = signal;
    }

    /** Makes {@code callback} {@code loop}'s handler of the signal named {@code jdkName}, replacing its previous one. */
    static synchronized void add(EventLoop loop, String jdkName, Runnable callback) {
        SignalDispatcher dispatcher = INSTALLED.get(jdkName);
        if (dispatcher == null) {
            Signal signal;
            try {
                signal = new Signal(jdkName);
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown signal: SIG" + jdkName, unknown);
            }
            dispatcher = new SignalDispatcher(signal);
            try {
                dispatcher.previous = Signal.handle(signal, dispatcher);
            } catch (IllegalArgumentException refused) { // "Signal already used by VM or OS", or a JVM started with -Xrs
                throw new IllegalArgumentException("cannot handle SIG" + jdkName + ": the JVM refuses it ("
                        + refused.getMessage() + ")", refused);
            }
            INSTALLED.put(jdkName, dispatcher);
        }
        Registration replaced = dispatcher.handlers.put(loop, new Registration(callback));
        if (replaced != null) {
            replaced.removed = true;
        }
    }

    /** Removes {@code loop}'s handler of the signal named {@code jdkName}; returns whether it had one. */
    static synchronized boolean remove(EventLoop loop, String jdkName) {
        SignalDispatcher dispatcher = INSTALLED.get(jdkName);
        if (dispatcher == null) {
            return false;
        }
        Registration removed = dispatcher.handlers.remove(loop);
        if (removed == null) {
            return false;
        }
        removed.removed = true;
        if (dispatcher.handlers.isEmpty()) {
            INSTALLED.remove(jdkName);
            SignalHandler current = Signal.handle(dispatcher.signal, dispatcher.previous);
            if (current != dispatcher) {
                Signal.handle(dispatcher.signal, current); // somebody else's since: theirs stays
            }
        }
        return true;
    }

    /** Removes every handler of {@code loop}, as its closing does. */
    static synchronized void removeAll(EventLoop loop) {
        for (String jdkName : INSTALLED.keySet().toArray(new String[0])) {
            remove(loop, jdkName);
        }
    }

    @Override
    public void handle(Signal arrived) {
        handlers.forEach((loop, registration) -> {
            try {
                loop.callSoonThreadsafe(registration);
            } catch (IllegalStateException closed) {
                // the loop closed as the signal arrived: its handlers are being removed
            }
        });
    }

    @Override
    public String toString() {
        return "SignalDispatcher[SIG" + signal.getName() + " loops=" + handlers.size() + "]";
    }
}
