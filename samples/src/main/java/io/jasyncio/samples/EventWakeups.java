// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

// Port of conformance/34_event.py.
// Event: set() wakes all current waiters (in wait order, one iteration
// later); wait() on an already-set event returns without yielding; clear()
// makes later waits block again.
// Python's ev.wait() is ev.await(): Object.wait() is final in Java.

/** An event wakes every waiter in wait order, and a set event lets waiters through without yielding. */
public final class EventWakeups {
    private EventWakeups() {
    }

    @Async
    static Coroutine<Void> waiter(String name, Event ev) {
        print(name, "waiting");
        await(ev.await());
        print(name, "woke");
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Event ev = new Event();
        List<Task<Void>> ws = Stream.of("w1", "w2", "w3").map(n -> createTask(waiter(n, ev))).toList();
        await(sleep(0));
        print("setting; is_set before =", ev.isSet());
        ev.set();
        print("set() returned; waiters have not run yet");
        await(gather(ws));

        List<Integer> ran = new ArrayList<>();
        Task<Void> t = createTask(sleep(0));
        t.addDoneCallback(done -> ran.add(1));
        boolean r = await(ev.await()); // already set: no suspension
        print("wait() on set event returned", r, "without yielding:", ran.isEmpty());
        await(t);

        ev.clear();
        Task<Void> w = createTask(waiter("w4", ev));
        await(sleep(0.01));
        print("after clear, w4 done?", w.done());
        ev.set();
        ev.clear(); // set+clear before w4 runs: still woken
        await(w);
        print("w4 woke even though event was cleared again:", ev.isSet());
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
