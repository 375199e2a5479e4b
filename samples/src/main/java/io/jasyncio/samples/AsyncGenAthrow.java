// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.repr;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.StopAsyncIterationException;
import io.jasyncio.annotations.Async;

// Port of conformance/61_asyncgen_athrow.py.
// athrow(exc) raises exc at the suspended yield: a generator that catches it
// yields its next value, which athrow() returns; one that does not ends with
// it; athrow() on a generator that has not started ends it at once without
// running it; on an ended generator it returns None (3.11); an exception
// raised by the generator reaches the awaiting anext(), after which the
// generator is exhausted.

/** Throwing into an async generator at its suspended emit. */
public final class AsyncGenAthrow {
    private AsyncGenAthrow() {
    }

    @Async
    static AsyncGenerator<Integer> resilient() {
        int n = 0;
        while (true) {
            try {
                emit(n);
                n += 1;
            } catch (ValueError e) {
                print("resilient: caught", repr(e));
                await(sleep(0));
                emit(-1);
            }
        }
    }

    @Async
    static AsyncGenerator<String> failing() {
        emit("one");
        await(sleep(0));
        throw new KeyError("broken");
    }

    @Async
    static Coroutine<Void> main() {
        AsyncGenerator<Integer> g = resilient();
        print("anext ->", await(g.anext()));
        print("anext ->", await(g.anext()));
        print("athrow ValueError ->", await(g.athrow(new ValueError("bad value"))));
        print("anext ->", await(g.anext()));
        try {
            await(g.athrow(new KeyError("not caught")));
        } catch (KeyError e) {
            print("athrow KeyError raised", repr(e));
        }
        try {
            await(g.anext());
        } catch (StopAsyncIterationException e) {
            print("anext -> StopAsyncIteration");
        }
        print("athrow on ended ->", await(g.athrow(new ValueError("late"))));

        AsyncGenerator<Integer> fresh = resilient();
        try {
            await(fresh.athrow(new ValueError("at start")));
        } catch (ValueError e) {
            print("athrow unstarted raised", repr(e));
        }
        try {
            await(fresh.anext());
        } catch (StopAsyncIterationException e) {
            print("anext after -> StopAsyncIteration");
        }

        AsyncGenerator<String> f = failing();
        print("anext ->", await(f.anext()));
        try {
            await(f.anext());
        } catch (KeyError e) {
            print("anext raised", repr(e));
        }
        try {
            await(f.anext());
        } catch (StopAsyncIterationException e) {
            print("anext after the error -> StopAsyncIteration");
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
