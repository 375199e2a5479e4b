// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.toThread;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Context variables in woven code, as in the spec's program 45: a task starts with a copy of its
 * creator's context, an awaited coroutine shares its caller's, and a thread of {@code toThread} gets
 * a copy of the awaiting task's.
 */
class ContextVarWovenTest extends LoopTestSupport {
    private static final ContextVar<String> USER = new ContextVar<>("user", "nobody");

    @Async
    Coroutine<Void> child(String name) {
        trace(name + " starts as " + USER.get());
        USER.set(name);
        await(sleep(0));
        trace(name + " ends as " + USER.get());
        return result(null);
    }

    @Async
    Coroutine<Void> setInline(String value) {
        USER.set(value);
        return result(null);
    }

    @Async
    Coroutine<Void> main() {
        USER.set("main");
        Task<Void> first = createTask(child("first"));
        USER.set("main, later");
        Task<Void> second = createTask(child("second"));
        await(gather(first, second));
        trace("main after its children: " + USER.get());
        await(setInline("set by an awaited coroutine"));
        trace("main after awaiting a coroutine: " + USER.get());
        trace("a thread of toThread sees: " + await(toThread(USER::get)));
        return result(null);
    }

    @Test
    void tasksCopyTheContextAndAwaitedCoroutinesShareIt() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(main()));
        assertTrace(
                "first starts as main",
                "second starts as main, later",
                "first ends as first",
                "second ends as second",
                "main after its children: main, later",
                "main after awaiting a coroutine: set by an awaited coroutine",
                "a thread of toThread sees: set by an awaited coroutine");
    }

    @Async
    Coroutine<ContextVar.Token<String>> setsValue(String value) {
        return result(USER.set(value));
    }

    @Async
    Coroutine<Void> resetsTokensMadeElsewhere() {
        ContextVar.Token<String> fromChildTask = await(createTask(setsValue("child task")));
        List<ContextVar.Token<String>> fromCallback = new ArrayList<>();
        getRunningLoop().callSoon(() -> fromCallback.add(USER.set("callback")));
        await(sleep(0));
        ContextVar.Token<String> fromAwaitedCoroutine = await(setsValue("awaited coroutine"));
        trace(attemptReset(fromChildTask));
        trace(attemptReset(fromCallback.get(0)));
        trace(attemptReset(fromAwaitedCoroutine));
        return result(null);
    }

    private static String attemptReset(ContextVar.Token<String> token) {
        try {
            USER.reset(token);
            return "reset " + token;
        } catch (IllegalArgumentException foreign) {
            return foreign.getMessage();
        }
    }

    /**
     * As Python's {@code var.reset(token)} raises {@code ValueError} for a token made in another
     * context: a task runs in a copy of its creator's context and a callback in a copy of the one it
     * was scheduled from, while an awaited coroutine shares its caller's.
     */
    @Test
    void aTokenResetsOnlyInTheContextItWasMadeIn() throws Exception {
        runTest(loop -> loop.runUntilComplete(resetsTokensMadeElsewhere()));
        assertTrace(
                "Token[var=user] was created in a different Context",
                "Token[var=user] was created in a different Context",
                "reset Token[used var=user]");
    }
}
