// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.GarbageCollection.collectUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.internal.WovenCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's side of async generators without the weaver: a frame written by hand on the woven
 * contract ({@link WovenCode#emit}, {@link WovenCode#sentValue}, a {@code null} return at the end),
 * driven by the generator's steps, each the coroutine of a task of its own.
 */
class AsyncGeneratorProtocolTest extends LoopTestSupport {
    /** As the weaver writes {@code emit("a"); String sent = emit(...); emit("sent " + sent); return end();}. */
    static final class HandFrame extends Coroutine<Object> {
        private int label;

        @Override
        protected Object resume() {
            switch (label) {
                case 0:
                    label = 1;
                    return WovenCode.emit(this, "a");
                case 1:
                    Object sent = WovenCode.sentValue(this);
                    label = 2;
                    return WovenCode.emit(this, "sent " + sent);
                case 2:
                    WovenCode.sentValue(this);
                    label = 3;
                    return null;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }

        @Override
        protected String functionName() {
            return "HandFrame.body";
        }
    }

    @Test
    void eachStepRunsTheFrameToItsNextEmitOrItsEnd() throws Exception {
        runTest(loop -> {
            AsyncGenerator<String> gen = new RealAsyncGenerator<>(new HandFrame());
            trace(loop.runUntilComplete(gen.anext()));
            trace(loop.runUntilComplete(gen.asend("x")));
            trace("hasNext " + loop.runUntilComplete(gen.hasNext()));
            trace("hasNext " + loop.runUntilComplete(gen.hasNext()));
            trace(String.valueOf(gen));
        });
        assertTrace("a", "sent x", "hasNext false", "hasNext false", "AsyncGenerator[HandFrame.body ended]");
    }

    @Test
    void debugModeSaysNothingOfAGeneratorNeverIterated() throws Exception {
        try (LogRecorder log = new LogRecorder()) {
            runTest(loop -> {
                loop.setDebug(true);
                loop.callSoon(() -> {
                    new RealAsyncGenerator<>(new HandFrame()); // dropped before its first step
                    sleep(1); // a coroutine never awaited, whose warning tells that the collector ran
                });
                runOnce(loop);
            });
            collectUntil("the warning", () -> !log.lines("WARNING: coroutine").isEmpty());
            Thread.sleep(100); // time for a warning about the generator's frame, which must not come
            List<String> lines = log.lines("WARNING: coroutine");
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("WARNING: coroutine 'sleep' was never awaited", lines.get(0).split("\n")[0]);
        }
    }
}
