// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/63_asyncgen_shutdown.py.
// At the end of asyncio.run(), after main() returns, the tasks left are
// cancelled and awaited first; then shutdown_asyncgens() closes the async
// generators left suspended, running their finally blocks (which may
// await) in tasks of the loop; one that ran to its end, and one never
// iterated, have nothing to close.

/** run() closes the async generators left suspended, after cancelling the tasks left. */
public final class AsyncGenShutdown {
    private static final List<AsyncGenerator<String>> KEEP = new ArrayList<>();

    private AsyncGenShutdown() {
    }

    @Async
    static AsyncGenerator<String> stream(String name, int n) {
        print(name, "start");
        try {
            for (int i = 0; i < n; i++) {
                emit(name + i);
                await(sleep(0));
            }
        } finally {
            print(name, "finally");
            await(sleep(0));
            print(name, "finally after await");
        }
        return end();
    }

    @Async
    static Coroutine<Void> worker() {
        try {
            print("worker: waiting");
            await(sleep(10));
        } finally {
            print("worker: cancelled, cleaning up");
            await(sleep(0));
            print("worker: cleaned up");
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        AsyncGenerator<String> suspended = stream("s", 5);
        KEEP.add(suspended);
        print("anext ->", await(suspended.anext()));
        print("anext ->", await(suspended.anext()));
        AsyncGenerator<String> finished = stream("f", 1);
        KEEP.add(finished);
        for (var it = finished; await(it.hasNext()); ) {
            print("async for ->", it.next());
        }
        KEEP.add(stream("never", 1));
        createTask(worker());
        await(sleep(0));
        print("main returns");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
        print("run() returned");
    }
}
