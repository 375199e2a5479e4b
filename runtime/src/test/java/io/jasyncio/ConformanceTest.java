// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.HandWovenCoroutine.coroutine;
import static io.jasyncio.PythonText.repr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Ports of the conformance programs that need no weaving: each prints the lines of CPython's
 * {@code .out} file (copied from {@code ../shared/conformance} into the test resources), and the
 * test compares the whole trace with them. {@code print} appends to the trace; coroutines are
 * hand-woven, one step per stretch of the Python body between two awaits.
 */
class ConformanceTest extends LoopTestSupport {
    @Test
    void program37CallSoonOrder() throws Exception {
        runTest(loop -> {
            loop.callSoon(() -> callback37(loop, "A", 2));
            loop.createTask(coroutine(
                    awaited -> {
                        print("task T step 1");
                        return sleep(0);
                    },
                    awaited -> {
                        print("task T step 2");
                        return null;
                    }));
            loop.callSoon(() -> callback37(loop, "B", 1));
            Handle handle = loop.callSoon(() -> callback37(loop, "cancelled-handle", 0));
            handle.cancel();
            loop.callSoon(() -> callback37(loop, "C", 0));
            for (int i = 0; i < 4; i++) {
                print("--- iteration " + i);
                loop.callSoon(loop::stop);
                loop.runForever();
            }
        });
        assertTrace(expectedOutput("37_call_soon_order"));
    }

    /** {@code def cb(name, depth=0)} of program 37. */
    private void callback37(EventLoop loop, String name, int depth) {
        print("callback " + name);
        if (depth > 0) {
            loop.callSoon(() -> callback37(loop, name + "'", depth - 1));
        }
    }

    @Test
    void program38CallLaterOrdering() throws Exception {
        runTest(loop -> {
            List<Object> out = new ArrayList<>();
            Future<Void> done = loop.createFuture();
            TimerHandle[] cancelled = new TimerHandle[1];
            loop.runUntilComplete(coroutine(
                    awaited -> {
                        loop.callLater(0.03, () -> out.add("t=30ms"));
                        loop.callLater(0.01, () -> out.add("t=10ms"));
                        loop.callLater(0.02, () -> out.add("t=20ms"));
                        cancelled[0] = loop.callLater(0.015, () -> out.add("cancelled"));
                        cancelled[0].cancel();
                        for (int i = 0; i < 5; i++) {
                            String name = "same-delay #" + i;
                            loop.callLater(0.04, () -> out.add(name));
                        }
                        loop.callLater(0.05, () -> done.setResult(null));
                        return done;
                    },
                    awaited -> {
                        print(out);
                        print("handle.cancelled():", cancelled[0].cancelled());

                        // equal absolute deadlines
                        out.clear();
                        double when = loop.time() + 0.01;
                        for (int i = 0; i < 6; i++) {
                            Integer value = i;
                            loop.callAt(when, () -> out.add(value));
                        }
                        loop.callAt(when + 0.02, () -> out.add("later"));
                        return sleep(0.05);
                    },
                    awaited -> {
                        List<Object> firstSix = out.subList(0, 6).stream()
                                .map(Integer.class::cast).sorted().collect(Collectors.toList());
                        print("equal deadlines all ran:", firstSix, "then", out.subList(6, out.size()));

                        // a timer that is already due runs after the already-ready callbacks
                        out.clear();
                        loop.callLater(0, () -> out.add("timer(0)"));
                        loop.callLater(-1, () -> out.add("timer(-1)"));
                        loop.callSoon(() -> out.add("soon-1"));
                        loop.callSoon(() -> out.add("soon-2"));
                        return sleep(0.01);
                    },
                    awaited -> {
                        print(out);

                        // TimerHandle.when() is absolute loop time
                        TimerHandle timer = loop.callLater(1.0, () -> print("never"));
                        print("when - now ~", Math.round((timer.when() - loop.time()) * 10) / 10.0);
                        timer.cancel();
                        return null;
                    }));
        });
        assertTrace(expectedOutput("38_call_later_ordering"));
    }

    @Test
    void program39FutureCallbacks() throws Exception {
        runTest(loop -> {
            Future<String> fut = loop.createFuture();
            loop.runUntilComplete(coroutine(
                    awaited -> {
                        fut.addDoneCallback(f -> print("cb1 sees", f.result()));
                        fut.addDoneCallback(f -> print("cb2 sees", f.result()));
                        Consumer<Future<String>> cb3 = f -> print("cb3 (removed, never printed)");
                        fut.addDoneCallback(cb3);
                        print("remove_done_callback ->", fut.removeDoneCallback(cb3));
                        loop.callSoon(() -> print("call_soon queued before set_result"));
                        fut.setResult("R");
                        print("set_result returned; callbacks not yet run");
                        fut.addDoneCallback(f -> print("cb4 added after done"));
                        loop.callSoon(() -> print("call_soon queued after cb4"));
                        return sleep(0);
                    },
                    awaited -> {
                        print("after one iteration");
                        printOutcomeOnDoneFuture("set_result", () -> {
                            fut.setResult("1");
                            return null;
                        });
                        printOutcomeOnDoneFuture("set_exception", () -> {
                            fut.setException(new ValueError());
                            return null;
                        });
                        printOutcomeOnDoneFuture("cancel", fut::cancel);

                        Future<String> pending = loop.createFuture();
                        printIfInvalidState("result on pending future -> InvalidStateError", pending::result);
                        printIfInvalidState("exception on pending future -> InvalidStateError", pending::exception);

                        Future<String> f2 = loop.createFuture();
                        f2.setException(new KeyError("k"));
                        print("exception() ->", repr(f2.exception()), "done", f2.done(), "cancelled", f2.cancelled());
                        Future<String> f3 = loop.createFuture();
                        f3.addDoneCallback(f -> print("cancel callback; cancelled =", f.cancelled()));
                        print("cancel ->", f3.cancel(), "cancel again ->", f3.cancel());
                        return sleep(0);
                    },
                    awaited -> {
                        // Python's set_exception(RuntimeError) instantiates the class; Java passes the instance.
                        Future<String> f4 = loop.createFuture();
                        f4.setException(new RuntimeError());
                        print("set_exception(class) ->", repr(f4.exception()));
                        return null;
                    }));
        });
        assertTrace(expectedOutput("39_future_callbacks"));
    }

    private void printOutcomeOnDoneFuture(String operation, Supplier<Object> call) {
        Object returned;
        try {
            returned = call.get();
        } catch (InvalidStateException expected) {
            print(operation, "on done future -> InvalidStateError");
            return;
        }
        print(operation, "on done future ->", returned);
    }

    private void printIfInvalidState(String line, Runnable call) {
        try {
            call.run();
        } catch (InvalidStateException expected) {
            print(line);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Python's print and exceptions

    /** Python's {@code print(*values)}, into the trace. */
    private void print(Object... values) {
        trace(PythonText.print(values));
    }

    /** The lines of CPython's output for the conformance program {@code name}. */
    private static List<String> expectedOutput(String name) throws IOException {
        String resource = "/conformance/" + name + ".out";
        try (InputStream bytes = ConformanceTest.class.getResourceAsStream(resource)) {
            if (bytes == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8)).lines()
                    .collect(Collectors.toList());
        }
    }

    /** Python's {@code KeyError}, for its repr. */
    private static final class KeyError extends RuntimeException {
        KeyError(String key) {
            super(key);
        }
    }

    /** Python's {@code ValueError}, for its repr. */
    private static final class ValueError extends RuntimeException {
    }

    /** Python's {@code RuntimeError}, for its repr. */
    private static final class RuntimeError extends RuntimeException {
    }
}
