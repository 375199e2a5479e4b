// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static io.jasyncio.signals.Signals.SIGINT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.signals.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A loop's SIGINT handler and {@code run()}'s Ctrl-C handling, with SIGINT raised in this JVM: as in
 * asyncio, the loop's handler replaces the runner's while it is set; removed, or gone with the loop,
 * it gives SIGINT back, and Ctrl-C cancels the main task again. (A mistake here ends the test JVM.)
 */
@Timeout(60)
class RunnerSignalsTest {
    private static final Signal INTERRUPT = new Signal("INT");

    private final List<String> trace = new ArrayList<>();

    @Test
    void aLoopsSigintHandlerReplacesCtrlCHandlingWhileSetAndGivesItBackWhenRemoved() {
        assertEquals("main", Thread.currentThread().getName(), "a runner takes Ctrl-C in the main thread only");
        try (Runner runner = new Runner()) {
            assertThrows(KeyboardInterrupt.class, () -> runner.run(coroutine(
                    awaited -> {
                        Future<Void> handled = Asyncio.getRunningLoop().createFuture();
                        trace.add("while running: " + describe(currentHandler()));
                        Signals.addSignalHandler(SIGINT, () -> {
                            trace.add("the loop's SIGINT handler");
                            handled.setResult(null);
                        });
                        trace.add("with the loop's handler: " + describe(currentHandler()));
                        Signal.raise(INTERRUPT);
                        return handled;
                    },
                    awaited -> {
                        trace.add("the main task goes on");
                        assertTrue(Signals.removeSignalHandler(SIGINT));
                        trace.add("removed: " + describe(currentHandler()));
                        Signal.raise(INTERRUPT);
                        return sleep(30);
                    },
                    awaited -> {
                        trace.add("unreached: the second SIGINT cancels the main task");
                        return null;
                    })));
            trace.add("KeyboardInterrupt");
        }
        trace.add("after: " + describe(currentHandler()));
        assertEquals(List.of(
                "while running: a runner's",
                "with the loop's handler: a loop's",
                "the loop's SIGINT handler",
                "the main task goes on",
                "removed: a runner's",
                "KeyboardInterrupt",
                "after: the JVM's"), trace);
    }

    @Test
    void aHandlerLeftSetWhenRunEndsGoesWithTheLoopAndTheNextRunnerTakesCtrlCAgain() {
        try (Runner runner = new Runner()) {
            runner.run(coroutine(awaited -> {
                Signals.addSignalHandler(SIGINT, () -> { });
                return null;
            }));
            trace.add("after the run: " + describe(currentHandler()));
        }
        // Closing the loop gave SIGINT back to the ended runner's handler, which now acts as the JVM's.
        try (Runner next = new Runner()) {
            assertThrows(KeyboardInterrupt.class, () -> next.run(coroutine(
                    awaited -> {
                        trace.add("next run: " + describe(currentHandler()));
                        Signal.raise(INTERRUPT);
                        return sleep(30);
                    })));
            trace.add("KeyboardInterrupt");
        }
        trace.add("after: " + describe(currentHandler()));
        assertEquals(List.of("after the run: a loop's", "next run: a runner's", "KeyboardInterrupt", "after: the JVM's"), trace);
    }

    /**
     * The SIGINT handler now, read by swapping it out and back, through SIG_DFL as {@code RunnerTest}
     * does: the JVM does not let Java handle SIGINT again once it was ignored.
     */
    private static SignalHandler currentHandler() {
        SignalHandler current = Signal.handle(INTERRUPT, SignalHandler.SIG_DFL);
        Signal.handle(INTERRUPT, current);
        return current;
    }

    private static String describe(SignalHandler handler) {
        if (handler instanceof InterruptHandler) {
            return "a runner's";
        }
        return handler.getClass().getName().startsWith("io.jasyncio.signals.") ? "a loop's" : "the JVM's";
    }
}
