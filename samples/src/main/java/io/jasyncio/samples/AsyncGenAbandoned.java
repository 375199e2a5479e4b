// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/64_asyncgen_abandoned.py.
// Leaving an async for early (break) does not close the generator: it stays
// suspended at its yield, and iterating it again goes on from there. Nothing
// runs its finally block until it is closed, here by shutdown_asyncgens()
// at the end of asyncio.run(), since the program keeps a reference to it.

/** Breaking out of an async iteration leaves the generator suspended until run() closes it. */
public final class AsyncGenAbandoned {
    private static final List<AsyncGenerator<Integer>> KEEP = new ArrayList<>();

    private AsyncGenAbandoned() {
    }

    @Async
    static AsyncGenerator<Integer> numbers() {
        print("numbers: start");
        try {
            int i = 0;
            while (true) {
                print("numbers: yield", i);
                emit(i);
                i += 1;
            }
        } finally {
            print("numbers: finally");
        }
    }

    @Async
    static Coroutine<Void> main() {
        AsyncGenerator<Integer> gen = numbers();
        KEEP.add(gen);
        for (var it = gen; await(it.hasNext()); ) {
            int n = it.next();
            print("got", n);
            if (n == 1) {
                break;
            }
        }
        print("after break");
        await(sleep(0));
        print("still suspended, no finally yet");
        for (var it = gen; await(it.hasNext()); ) {
            int n = it.next();
            print("again got", n);
            if (n == 3) {
                break;
            }
        }
        print("main returns");
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
        print("run() returned");
    }
}
