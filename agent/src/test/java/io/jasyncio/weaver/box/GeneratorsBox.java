// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.AsyncGenerator.emit;
import static io.jasyncio.AsyncGenerator.end;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.StopAsyncIterationException;
import io.jasyncio.annotations.Async;
import java.util.function.IntFunction;

/**
 * Async generators: each emit is a resume point with the method's locals of every sort and its
 * operand stack saved across it, inside loops and try/finally, beside awaits; lambdas and instance
 * methods returning AsyncGenerator; asend, athrow and aclose at the suspended emit.
 */
public class GeneratorsBox {
    private final StringBuilder trace = new StringBuilder();
    private final String prefix;

    GeneratorsBox(String prefix) {
        this.prefix = prefix;
    }

    @Async
    static AsyncGenerator<String> primitives(int count, long big, double ratio) {
        char letter = 'a';
        boolean flag = false;
        float half = 0.5f;
        for (int i = 0; i < count; i++) {
            String sent = emit(letter + ":" + i + ":" + big + ":" + ratio + ":" + flag + ":" + half);
            big += 10;
            ratio *= 2;
            letter++;
            flag = !flag;
            half += await(later(1.0f));
            if (sent != null) {
                emit("sent " + sent);
            }
        }
        return end();
    }

    /** The emit's value below other values on the stack: the stack is saved under it. */
    @Async
    static AsyncGenerator<Object> onTheStack() {
        String joined = "x" + emit("first") + "y" + emit("second");
        emit(joined);
        return end();
    }

    @Async
    AsyncGenerator<String> guarded() {
        try {
            trace.append(prefix).append("start;");
            emit("one");
            emit("two");
            trace.append("not reached;");
        } catch (IllegalArgumentException thrownIn) {
            trace.append("caught ").append(thrownIn.getMessage()).append(";");
            emit("after catch");
        } finally {
            trace.append("finally;");
            await(sleep(0));
            trace.append("finally after await;");
        }
        return end();
    }

    @Async
    Coroutine<String> run() {
        for (var it = primitives(2, 5L, 1.5); await(it.hasNext()); ) {
            trace.append(it.next()).append(";");
        }
        AsyncGenerator<String> sending = primitives(2, 0L, 0.0);
        trace.append(await(sending.anext())).append(";");
        trace.append(await(sending.asend("hi"))).append(";");
        trace.append(await(sending.anext())).append(";");
        await(sending.aclose());

        AsyncGenerator<Object> stack = onTheStack();
        trace.append(await(stack.anext())).append(";");
        trace.append(await(stack.asend("1"))).append(";");
        trace.append(await(stack.asend("2"))).append(";");
        try {
            await(stack.anext());
        } catch (StopAsyncIterationException end) {
            trace.append("stop;");
        }

        AsyncGenerator<String> closed = guarded();
        trace.append(await(closed.anext())).append(";");
        await(closed.aclose());
        AsyncGenerator<String> thrown = guarded();
        trace.append(await(thrown.anext())).append(";");
        trace.append(await(thrown.athrow(new IllegalArgumentException("bad")))).append(";");
        try {
            await(thrown.anext());
        } catch (StopAsyncIterationException end) {
            trace.append("stop;");
        }

        IntFunction<AsyncGenerator<Integer>> countdown = from -> {
            for (int n = from; n > 0; n--) {
                emit(await(later(n)));
            }
            return end();
        };
        for (var it = countdown.apply(3); await(it.hasNext()); ) {
            trace.append(it.next()).append(";");
        }
        return result(trace.toString());
    }

    @Async
    static Coroutine<String> box() {
        String got = await(new GeneratorsBox("g:").run());
        String expected = "a:0:5:1.5:false:0.5;b:1:15:3.0:true:1.5;"
                + "a:0:0:0.0:false:0.5;sent hi;b:1:10:0.0:true:1.5;"
                + "first;second;x1y2;stop;"
                + "g:start;one;finally;finally after await;"
                + "g:start;one;caught bad;after catch;finally;finally after await;stop;"
                + "3;2;1;";
        return result(got.equals(expected) ? "OK" : got);
    }
}
