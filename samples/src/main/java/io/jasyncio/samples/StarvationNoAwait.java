// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/04_starvation_no_await.py.
// Example C variant: a task whose loop body never awaits cannot be
// interrupted; other tasks (and due timers) starve until it finishes.

/** A task whose loop never awaits cannot be interrupted: other tasks, and due timers, wait for it. */
public final class StarvationNoAwait {
    private StarvationNoAwait() {
    }

    @Async
    static Coroutine<Void> boo() {
        for (int i = 0; i < 3; i++) {
            print("...boo", i);          // no await inside the loop
        }
        await(sleep(0));
        print("...boo end");
        return result(null);
    }

    @Async
    static Coroutine<Void> baa() {
        for (int i = 0; i < 3; i++) {
            print("...baa", i);          // no await inside the loop
        }
        await(sleep(0));
        print("...baa end");
        return result(null);
    }

    /** The Python program's {@code async def busy()}, nested in {@code main()} there. */
    @Async
    static Coroutine<Void> busy() {
        long s = 0;
        for (int i = 0; i < 200000; i++) {
            s += i;
        }
        print("busy finished without yielding, sum", s);
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        EventLoop loop = getRunningLoop();
        loop.callSoon(() -> print("call_soon callback (queued before tasks run)"));
        Task<Void> t1 = createTask(boo());
        Task<Void> t2 = createTask(baa());
        await(gather(t1, t2));

        // A busy task delays even an already-due timer.
        loop.callLater(0, () -> print("timer(0) fired"));
        // async def busy(): defined above, as busy()
        await(createTask(busy()));
        await(sleep(0.01));
        print("main done");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
