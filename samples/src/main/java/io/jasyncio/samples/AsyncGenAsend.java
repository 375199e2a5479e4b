// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.StopAsyncIterationException;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

// Port of conformance/62_asyncgen_asend.py.
// asend(value) resumes the generator with value as the result of the
// suspended yield; anext() sends None; a generator that has not started
// accepts only None; asend() on an ended generator raises
// StopAsyncIteration; steps run inline in the awaiting task, and only
// suspend when the generator awaits something that is not done.

/** Sending values into an async generator. */
public final class AsyncGenAsend {
    private AsyncGenAsend() {
    }

    @Async
    static AsyncGenerator<Integer> accumulator() {
        int total = 0;
        while (true) {
            Integer value = emit(total);
            print("accumulator: got", value);
            if (value == null) {
                break;
            }
            await(sleep(0));
            total += value;
        }
        print("accumulator: done at", total);
        return end();
    }

    @Async
    static Coroutine<Void> other() {
        for (int i = 0; i < 3; i++) {
            print("other: step", i);
            await(sleep(0));
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        AsyncGenerator<Integer> acc = accumulator();
        try {
            await(acc.asend(5));
        } catch (IllegalArgumentException e) { // Python's TypeError
            print("asend to unstarted:", e);
        }
        Task<Void> t = createTask(other());
        print("asend None ->", await(acc.asend(null)));
        print("asend 10 ->", await(acc.asend(10)));
        print("asend 32 ->", await(acc.asend(32)));
        try {
            await(acc.anext());
        } catch (StopAsyncIterationException e) {
            print("anext -> StopAsyncIteration");
        }
        try {
            await(acc.asend(1));
        } catch (StopAsyncIterationException e) {
            print("asend after the end -> StopAsyncIteration");
        }
        await(t);
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
