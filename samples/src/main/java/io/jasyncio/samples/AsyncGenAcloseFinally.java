// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.StopAsyncIterationException;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/60_asyncgen_aclose_finally.py.
// aclose() throws GeneratorExit at the suspended yield: finally blocks run,
// innermost first, and may await; closing a generator that has not started,
// or has ended, runs nothing; a generator that yields while closing makes
// aclose() raise RuntimeError, and anext() after the end raises
// StopAsyncIteration.

/** Closing an async generator runs its finally blocks, which may await. */
public final class AsyncGenAcloseFinally {
    private AsyncGenAcloseFinally() {
    }

    @Async
    static AsyncGenerator<Integer> numbers() {
        print("numbers: start");
        try {
            try {
                for (int i = 0; i < 10; i++) {
                    emit(i);
                }
            } finally {
                print("numbers: inner finally");
                await(sleep(0));
                print("numbers: inner finally after await");
            }
        } finally {
            print("numbers: outer finally");
        }
        return end();
    }

    @Async
    static AsyncGenerator<String> stubborn() {
        try {
            emit("first");
        } finally {
            print("stubborn: finally yields");
            emit("second");
        }
        return end();
    }

    @Async
    static Coroutine<Void> ticker() {
        int n = 0;
        while (true) {
            n += 1;
            print("ticker: tick", n);
            await(sleep(0));
        }
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> t = createTask(ticker());
        AsyncGenerator<Integer> g = numbers();
        print("created, nothing ran");
        print("anext ->", await(g.anext()));
        print("anext ->", await(g.anext()));
        print("aclose ->", await(g.aclose()));
        print("aclose again ->", await(g.aclose()));
        try {
            await(g.anext());
        } catch (StopAsyncIterationException e) {
            print("anext after aclose -> StopAsyncIteration");
        }

        AsyncGenerator<Integer> fresh = numbers();
        print("aclose unstarted ->", await(fresh.aclose()));
        try {
            await(fresh.anext());
        } catch (StopAsyncIterationException e) {
            print("anext after aclose unstarted -> StopAsyncIteration");
        }

        AsyncGenerator<String> s = stubborn();
        print("anext ->", await(s.anext()));
        try {
            await(s.aclose());
        } catch (IllegalStateException e) { // Python's RuntimeError
            print("aclose -> RuntimeError:", e);
        }
        t.cancel();
        try {
            await(t);
        } catch (CancelledError e) {
            print("ticker cancelled");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
