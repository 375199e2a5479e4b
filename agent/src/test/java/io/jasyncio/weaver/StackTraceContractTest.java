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
import java.util.stream.Collectors;
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
        IllegalStateException thrown = runFailing("throwsAfterSuspensions");

        assertEquals(element("throwsAfterSuspensions", "throw after suspensions"), describe(thrown.getStackTrace()[0]));
    }

    @Test
    void anExceptionFromAChildRunInlineShowsTheChildAndTheResumedAwaiter() {
        IllegalStateException thrown = runFailing("awaitsChildThatThrowsInline");

        assertEquals(element("throwsAtOnce", "throw at once"), describe(thrown.getStackTrace()[0]));
        assertShows(thrown, element("awaitsChildThatThrowsInline", "await of inline child"));
    }

    @Test
    void anExceptionFromAResumedChildShowsTheChildAndItsAwaiter() {
        IllegalStateException thrown = runFailing("awaitsChildThatThrowsAfterResume");

        assertEquals(element("throwsAfterSuspensions", "throw after suspensions"), describe(thrown.getStackTrace()[0]));
        assertShows(thrown, element("awaitsChildThatThrowsAfterResume", "await of resumed child"));
    }

    /** The frame class's resume() names the method's first line, so that no frame of a trace lacks a line. */
    @Test
    void theFrameClassResumeShowsTheFirstLineOfItsMethod() {
        IllegalStateException thrown = runFailing("throwsAfterSuspensions");

        assertShows(thrown, FAILURES + "-throwsAfterSuspensions-Frame.resume(Failures.java:"
                + SourceLines.lineOf(FAILURES, "first line of throwsAfterSuspensions") + ")");
    }

    /** Runs the coroutine of {@code Failures.method()} to its end, which must be an {@link IllegalStateException}. */
    private IllegalStateException runFailing(String method) {
        Coroutine<?> coroutine = (Coroutine<?>) ContractPrograms.callStatic(programs.load("Failures"), method);
        return assertThrows(IllegalStateException.class, () -> Asyncio.run(coroutine));
    }

    private static void assertShows(Throwable thrown, String expected) {
        List<String> trace = Arrays.stream(thrown.getStackTrace()).map(StackTraceContractTest::describe).toList();
        assertTrue(trace.contains(expected), "no " + expected + " in the stack trace:\n"
                + trace.stream().collect(Collectors.joining("\n")));
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
