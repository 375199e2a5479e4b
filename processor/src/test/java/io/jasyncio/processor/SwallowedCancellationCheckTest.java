// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.cancellationSwallowed;
import static io.jasyncio.processor.Snippets.compileAsyncMain;
import static io.jasyncio.processor.Snippets.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwallowedCancellationCheckTest {
    @Test
    void catchThrowableAroundAwaitWithoutRethrowIsAWarningAtTheCaughtType() {
        assertEquals(List.of(warning(3, 10, cancellationSwallowed("Throwable", "t"))), compileAsyncMain("""
                try {
                    await(sleep(1));
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }

    @Test
    void catchErrorOrAMultiCatchWithErrorIsAWarning() {
        assertEquals(List.of(warning(3, 10, cancellationSwallowed("Error", "e")),
                warning(8, 10, cancellationSwallowed("RuntimeException | Error", "e"))), compileAsyncMain("""
                try {
                    await(sleep(1));
                } catch (Error e) {
                    System.out.println(e);
                }
                try {
                    await(sleep(1));
                } catch (RuntimeException | Error e) {
                    System.out.println(e);
                }
                """));
    }

    @Test
    void outerCatchOfThrowableIsAWarningWhenInnerClausesLetTheCancellationThrough() {
        assertEquals(List.of(warning(7, 10, cancellationSwallowed("Throwable", "t"))), compileAsyncMain("""
                try {
                    try {
                        await(sleep(1));
                    } catch (Exception e) {
                        System.out.println(e);
                    }
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }

    @Test
    void outerCatchOfThrowableIsAWarningWhenInnerClausesRethrowTheCancellation() {
        assertEquals(List.of(warning(8, 10, cancellationSwallowed("Error", "e")),
                warning(17, 10, cancellationSwallowed("Throwable", "t"))), compileAsyncMain("""
                try {
                    try {
                        await(sleep(1));
                    } catch (CancelledError cancelled) {
                        System.out.println("cleaning up");
                        throw cancelled;
                    }
                } catch (Error e) {
                    System.out.println(e);
                }
                try {
                    try {
                        await(sleep(1));
                    } catch (Throwable t) {
                        throw t;
                    }
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }

    @Test
    void oneWarningPerClauseWhateverTheNumberOfAwaitsItGuards() {
        assertEquals(List.of(warning(4, 10, cancellationSwallowed("Throwable", "t"))), compileAsyncMain("""
                try (AutoCloseable resource = await(sleep(1, () -> { }))) {
                    await(sleep(1));
                    await(sleep(2));
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }

    @Test
    void throwOfTheCaughtVariableInsideALambdaIsNotARethrow() {
        assertEquals(List.of(warning(3, 10, cancellationSwallowed("Throwable", "t"))), compileAsyncMain("""
                try {
                    await(sleep(1));
                } catch (Throwable t) {
                    Runnable later = () -> {
                        throw new RuntimeException(t);
                    };
                }
                """));
    }

    @Test
    void catchesThatLetTheCancellationThroughAreFine() {
        assertEquals(List.of(), compileAsyncMain("""
                try {
                    await(sleep(1));
                } catch (Exception e) { // CancelledError is an Error
                    System.out.println(e);
                }
                try {
                    await(sleep(1));
                } catch (Throwable t) {
                    System.out.println(t);
                    throw t;
                }
                try {
                    await(sleep(1));
                } catch (Throwable t) {
                    if (t instanceof CancelledError cancelled) {
                        throw cancelled;
                    }
                    System.out.println(t);
                }
                try {
                    await(sleep(1));
                } catch (CancelledError e) {
                    throw e;
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }

    @Test
    void catchesThatDoNotGuardAnAwaitOrHandleCancellationOnPurposeAreFine() {
        assertEquals(List.of(), compileAsyncMain("""
                try {
                    System.out.println("no await here");
                } catch (Throwable t) {
                    await(sleep(1)); // in the clause, not guarded by it
                } finally {
                    await(sleep(1));
                }
                try {
                    Supplier<Coroutine<Void>> later = () -> { // runs later, outside this try
                        await(sleep(1));
                        return result(null);
                    };
                } catch (Throwable t) {
                    System.out.println(t);
                }
                try {
                    await(sleep(1));
                } catch (CancelledError e) { // on purpose
                    System.out.println("cancelled");
                } catch (Throwable t) {
                    System.out.println(t);
                }
                """));
    }
}
