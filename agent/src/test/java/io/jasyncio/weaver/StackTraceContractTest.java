// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weaver's contract on stack traces: after real suspensions, an exception's stack trace still
 * shows the user's class, method name and source line, for the method that threw and for the
 * {@code @Async} method that awaited it.
 */
class StackTraceContractTest {
    private static final String FAILURES = ContractPrograms.PACKAGE + ".Failures";

    private final ContractPrograms programs = new ContractPrograms();

    @Test
    void anExceptionThrownAfterSuspensionsShowsTheThrowingLineOnTop() {
        assertEquals(List.of(element("throwsAfterSuspensions", "throw after suspensions")),
                userFrames(runFailing("throwsAfterSuspensions")));
    }

    @Test
    void anExceptionFromAChildRunInlineShowsTheChildAndTheResumedAwaiter() {
        assertEquals(List.of(element("throwsAtOnce", "throw at once"),
                element("awaitsChildThatThrowsInline", "await of inline child")),
                userFrames(runFailing("awaitsChildThatThrowsInline")));
    }

    @Test
    void anExceptionFromAResumedChildShowsTheChildAndItsAwaiter() {
        assertEquals(List.of(element("throwsAfterSuspensions", "throw after suspensions"),
                element("awaitsChildThatThrowsAfterResume", "await of resumed child")),
                userFrames(runFailing("awaitsChildThatThrowsAfterResume")));
    }

    /** Four coroutines deep: each user frame once, in await order, and no frame class's resume() among them. */
    @Test
    void anExceptionThroughFourAwaitsShowsEachUserFrameOnceInAwaitOrder() {
        assertEquals(List.of(element("throwsAfterSuspensions", "throw after suspensions"),
                element("awaitsChildThatThrowsAfterResume", "await of resumed child"),
                element("middle", "await of the awaiter"),
                element("outermost", "await of middle")),
                userFrames(runFailing("outermost")));
    }

    /** Runs the coroutine of {@code Failures.method()} to its end, which must be an {@link IllegalStateException}. */
    private IllegalStateException runFailing(String method) {
        Coroutine<?> coroutine = (Coroutine<?>) ContractPrograms.callStatic(programs.load("Failures"), method);
        return assertThrows(IllegalStateException.class, () -> Asyncio.run(coroutine));
    }

    /**
     * The trace down to the frame where the task resumed the outermost coroutine, which must be there,
     * as text: every frame between is the user's.
     */
    private static List<String> userFrames(Throwable thrown) {
        List<String> trace = Arrays.stream(thrown.getStackTrace()).map(StackTraceContractTest::describe).toList();
        int resumedAt = 0;
        while (resumedAt < trace.size() && !trace.get(resumedAt).startsWith("io.jasyncio.Coroutine.run(")) {
            resumedAt++;
        }
        assertTrue(resumedAt < trace.size(), "no Coroutine.run in the stack trace:\n" + String.join("\n", trace));
        return trace.subList(0, resumedAt);
    }

    /** A stack trace element of {@code Failures.method} at the line marked {@code // <- marker}, as text. */
    private static String element(String method, String marker) {
        return FAILURES + "." + method + "(Failures.java:" + SourceLines.lineOf(FAILURES, marker) + ")";
    }

    /** The element as {@code class.method(File.java:LINE)}, without the class loader or module. */
    private static String describe(StackTraceElement element) {
        return element.getClassName() + "." + element.getMethodName()
                + "(" + element.getFileName() + ":" + element.getLineNumber() + ")";
    }
}
