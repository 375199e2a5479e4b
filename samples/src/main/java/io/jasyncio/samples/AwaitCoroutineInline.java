// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/06_await_coroutine_inline.py.
// `await coro()` runs the callee inline in the caller's task: no scheduling,
// no event-loop iteration, other tasks cannot run unless the callee actually
// suspends. Awaiting a coroutine that never suspends is just a call.

/** Awaiting a coroutine runs it inline in the awaiting task: other tasks run only if it suspends. */
public final class AwaitCoroutineInline {
    private AwaitCoroutineInline() {
    }

    @Async
    static Coroutine<Integer> noSuspend(int depth) {
        print("  no_suspend depth", depth);
        if (depth > 0) {
            return result(1 + await(noSuspend(depth - 1)));
        }
        return result(0);
    }

    @Async
    static Coroutine<String> suspendsOnce() {
        print("  suspends_once: before sleep(0)");
        await(sleep(0));
        print("  suspends_once: after sleep(0)");
        return result("s");
    }

    @Async
    static Coroutine<Void> other() {
        print("  other task runs");
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> t = createTask(other());
        print("main: await no_suspend(3)");
        Object r = await(noSuspend(3));
        print("main: got", r, "- other task done?", t.done());
        print("main: await suspends_once()");
        r = await(suspendsOnce());
        print("main: got", r, "- other task done?", t.done());
        print("main: current task is still main:",
                currentTask().getName());
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
