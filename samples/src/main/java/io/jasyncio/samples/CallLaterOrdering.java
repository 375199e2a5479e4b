// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.TimerHandle;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/38_call_later_ordering.py.
// Timers: callbacks run in deadline order regardless of registration order;
// sequential call_later() calls with the same delay run in registration
// order (their deadlines differ by the clock advance); a due timer runs
// AFTER the callbacks that were already in the ready queue; cancelled
// handles never run; call_at uses loop.time().
// NOTE: handles with *exactly* equal deadlines (same call_at value) are
// ordered by CPython's binary heap, which is NOT registration order (the
// docs call it undefined), so this program only checks that they all run
// and run before a later deadline.
// Timing on a loaded machine: the first four timers are 5 to 10 ms apart, and
// CPython registers them microseconds apart. Registering one in Java can take
// longer the first time (the callback's lambda is linked then), long enough
// to reorder deadlines 5 ms apart, so the port reads the loop's time once for
// the four: call_later(d, cb) is call_at(time() + d, cb). Everything else
// holds however slow the machine: the same-delay timers and the final one
// are scheduled later with longer delays, equal deadlines are sorted, and
// each sleep ends after the timers it waits for.

/** Timers run in deadline order, behind the callbacks that were ready first. */
public final class CallLaterOrdering {
    private CallLaterOrdering() {
    }

    @Async
    static Coroutine<Void> main() {
        EventLoop loop = getRunningLoop();
        List<Object> out = new ArrayList<>();
        Future<Void> done = loop.createFuture();

        double now = loop.time();
        loop.callAt(now + 0.03, () -> out.add("t=30ms"));
        loop.callAt(now + 0.01, () -> out.add("t=10ms"));
        loop.callAt(now + 0.02, () -> out.add("t=20ms"));
        TimerHandle h = loop.callAt(now + 0.015, () -> out.add("cancelled"));
        h.cancel();
        for (int i = 0; i < 5; i++) {
            String name = "same-delay #" + i;
            loop.callLater(0.04, () -> out.add(name));
        }
        loop.callLater(0.05, () -> done.setResult(null));
        await(done);
        print(out);
        print("handle.cancelled():", h.cancelled());

        // equal absolute deadlines
        out.clear();
        double when = loop.time() + 0.01;
        for (int i = 0; i < 6; i++) {
            Integer value = i;
            loop.callAt(when, () -> out.add(value));
        }
        loop.callAt(when + 0.02, () -> out.add("later"));
        await(sleep(0.05));
        List<Object> firstSix = new ArrayList<>(out.subList(0, 6));
        firstSix.sort(null);
        print("equal deadlines all ran:", firstSix, "then", out.subList(6, out.size()));

        // a timer that is already due runs after the already-ready callbacks
        out.clear();
        loop.callLater(0, () -> out.add("timer(0)"));
        loop.callLater(-1, () -> out.add("timer(-1)"));
        loop.callSoon(() -> out.add("soon-1"));
        loop.callSoon(() -> out.add("soon-2"));
        await(sleep(0.01));
        print(out);

        // TimerHandle.when() is absolute loop time
        TimerHandle th = loop.callLater(1.0, () -> print("never"));
        print("when - now ~", Python.round(th.when() - loop.time(), 1));
        th.cancel();
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
