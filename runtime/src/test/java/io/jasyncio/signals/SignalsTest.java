// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.signals;

import static io.jasyncio.signals.Signals.SIGHUP;
import static io.jasyncio.signals.Signals.SIGUSR2;
import static io.jasyncio.signals.Signals.addSignalHandler;
import static io.jasyncio.signals.Signals.removeSignalHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signal handlers on a loop, with real signals raised in this JVM: the callback runs on the loop's
 * thread, one handler per signal per loop, removal and the loop's closing give the signal back to
 * the handling it had, and the signals the JVM keeps are refused.
 */
@Timeout(60)
class SignalsTest {
    private final List<String> trace = new ArrayList<>();
    private final List<EventLoop> loops = new ArrayList<>();

    private SelectorEventLoop newLoop() {
        SelectorEventLoop loop = new SelectorEventLoop();
        loops.add(loop);
        return loop;
    }

    @AfterEach
    void closeLoops() {
        loops.forEach(EventLoop::close);
    }

    /**
     * The JVM's handler of {@code signal} now, read by swapping it out and back. Through SIG_DFL, not
     * SIG_IGN: the JVM does not let Java handle SIGHUP, SIGINT or SIGTERM again once they were ignored.
     */
    private static SignalHandler currentHandler(String jdkName) {
        Signal signal = new Signal(jdkName);
        SignalHandler current = Signal.handle(signal, SignalHandler.SIG_DFL);
        Signal.handle(signal, current);
        return current;
    }

    /**
     * What {@code handler} is, without the identity of the wrapper that the JDK makes anew each time it
     * returns one: {@code sun.misc.Signal$SunMiscHandler<java.lang.Terminator$1@1b6d3586>}.
     */
    private static String describe(SignalHandler handler) {
        return handler.toString().replaceFirst("^([^@<]*)@[0-9a-f]+", "$1");
    }

    @Test
    void aSignalRunsTheHandlerOnTheLoopsThreadInALaterIteration() {
        SelectorEventLoop loop = newLoop();
        String before = describe(currentHandler("USR2"));
        Thread loopsThread = Thread.currentThread();
        addSignalHandler(loop, SIGUSR2, () -> {
            trace.add("SIGUSR2 handled on " + (Thread.currentThread() == loopsThread && EventLoop.getRunningLoop() == loop
                    ? "the loop's thread" : Thread.currentThread().getName()));
            loop.stop();
        });
        Signal.raise(new Signal("USR2"));
        loop.runForever(); // until the handler stops it
        assertTrue(removeSignalHandler(loop, SIGUSR2));
        assertFalse(removeSignalHandler(loop, "USR2"), "removed already");
        assertEquals(List.of("SIGUSR2 handled on the loop's thread"), trace);
        assertEquals(before, describe(currentHandler("USR2")), "the signal's handling before the loop's handler, given back");
    }

    @Test
    void aLoopHasOneHandlerPerSignalAndEachLoopRunsItsOwn() {
        SelectorEventLoop first = newLoop();
        SelectorEventLoop second = newLoop();
        addSignalHandler(first, SIGHUP, () -> trace.add("first's replaced handler"));
        addSignalHandler(first, "sighup", () -> {
            trace.add("first");
            first.stop();
        });
        addSignalHandler(second, "HUP", () -> {
            trace.add("second");
            second.stop();
        });
        Signal.raise(new Signal("HUP"));
        first.runForever();
        second.runForever();
        assertEquals(List.of("first", "second"), trace);
        first.close();
        assertTrue(removeSignalHandler(second, SIGHUP), "only the first loop's handler went with it");
    }

    @Test
    void closingTheLoopRemovesItsHandlersAndGivesTheSignalsBack() {
        SelectorEventLoop loop = newLoop();
        String hangUp = describe(currentHandler("HUP"));
        String user2 = describe(currentHandler("USR2"));
        addSignalHandler(loop, SIGHUP, () -> { });
        addSignalHandler(loop, SIGUSR2, () -> { });
        loop.close();
        assertEquals(hangUp, describe(currentHandler("HUP")));
        assertEquals(user2, describe(currentHandler("USR2")));
        assertFalse(removeSignalHandler(loop, SIGHUP));
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> addSignalHandler(loop, SIGHUP, () -> { }));
        assertEquals("Event loop is closed", closed.getMessage());
    }

    @Test
    void aHandlerSetByOtherCodeSinceStaysWhenTheLoopsHandlerGoes() {
        SelectorEventLoop loop = newLoop();
        SignalHandler before = currentHandler("USR2");
        addSignalHandler(loop, SIGUSR2, () -> { });
        SignalHandler others = signal -> { };
        Signal.handle(new Signal("USR2"), others);
        try {
            assertTrue(removeSignalHandler(loop, SIGUSR2));
            assertSame(others, currentHandler("USR2"));
        } finally {
            Signal.handle(new Signal("USR2"), before);
        }
    }

    @Test
    void theSignalsTheJvmKeepsAreRefusedNamingTheSignalAndWhy() {
        SelectorEventLoop loop = newLoop();
        Map<String, String> refusals = new TreeMap<>();
        for (String signal : List.of("SIGQUIT", "ILL", "SIGFPE", "SIGSEGV", "SIGBUS", "SIGKILL", "SIGSTOP")) {
            refusals.put(signal, assertThrows(IllegalArgumentException.class,
                    () -> addSignalHandler(loop, signal, () -> { })).getMessage());
        }
        assertEquals(Map.of(
                "ILL", "cannot handle SIGILL: the JVM needs it to handle faults in compiled code",
                "SIGBUS", "cannot handle SIGBUS: the JVM needs it to report faults on memory-mapped files",
                "SIGFPE", "cannot handle SIGFPE: the JVM needs it to turn integer division by zero into ArithmeticException",
                "SIGKILL", "cannot handle SIGKILL: no process can catch it",
                "SIGQUIT", "cannot handle SIGQUIT: the JVM prints a thread dump on it",
                "SIGSEGV", "cannot handle SIGSEGV: the JVM needs it for null checks, stack overflow and safepoints",
                "SIGSTOP", "cannot handle SIGSTOP: no process can catch it"), refusals);
        assertEquals("unknown signal: SIGNOPE",
                assertThrows(IllegalArgumentException.class, () -> addSignalHandler(loop, "SIGNOPE", () -> { })).getMessage());
        assertEquals("signal handlers need a SelectorEventLoop, not EventLoop[running=false closed=false ready=0 timers=0]",
                assertThrows(IllegalArgumentException.class, () -> addSignalHandler(new EventLoop(), SIGHUP, () -> { }))
                        .getMessage().replaceAll(" timers=.*\\]", " timers=0]"));
    }

    /** The JVM itself refuses the reserved signals: the list above is not stricter than it needs to be, except for SIGBUS. */
    @Test
    void theJvmRefusesTheReservedSignalsButSigbus() {
        for (String signal : SignalNames.RESERVED.keySet()) {
            String jdkName = signal.substring(3);
            if (jdkName.equals("BUS")) {
                continue;
            }
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Signal.handle(new Signal(jdkName), s -> { }), signal);
            assertEquals("Signal already used by VM or OS: " + signal, refused.getMessage());
        }
    }
}
