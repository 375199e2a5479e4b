// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.NotWovenError;
import io.jasyncio.weaver.contract.AwaitsWithoutWeaving;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The weaver's contract for code it never saw: an {@code await} that was not woven throws a
 * {@link NotWovenError} that names the method and says how to weave it, and never blocks.
 * The program here is loaded by the test's own class loader, without weaving.
 */
class UnwovenAwaitContractTest {
    private static final String PROGRAM = AwaitsWithoutWeaving.class.getName();

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anUnwovenAsyncMethodThrowsAtItsAwaitNamingTheMethodAndTheWaysToWeave() {
        assertThrowsNaming("sleepsThenAnswers", "await in async method", AwaitsWithoutWeaving::sleepsThenAnswers);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCatchOfExceptionAroundAnUnwovenAwaitDoesNotSwallowTheFailure() {
        assertThrowsNaming("catchesEveryException", "await inside catch Exception",
                AwaitsWithoutWeaving::catchesEveryException);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAwaitInAPlainMethodThrowsNamingTheMethodAndTheWaysToWeave() {
        assertThrowsNaming("awaitsInPlainMethod", "await in plain method", AwaitsWithoutWeaving::awaitsInPlainMethod);
    }

    @Test
    void theProgramIsLoadedWithoutWeaving() {
        assertSame(UnwovenAwaitContractTest.class.getClassLoader(), AwaitsWithoutWeaving.class.getClassLoader());
        for (Method method : AwaitsWithoutWeaving.class.getDeclaredMethods()) {
            assertFalse(method.getParameterCount() > 0 && method.getParameterTypes()[0] == Coroutine.class,
                    "woven body " + method);
        }
    }

    /**
     * Asserts that {@code call} throws a {@link NotWovenError} whose message names {@code method}, the
     * line marked {@code // <- marker}, and the three ways to weave: the processor, the plugin and the agent.
     */
    private static void assertThrowsNaming(String method, String marker, Executable call) {
        String message = assertThrows(NotWovenError.class, call).getMessage();

        String where = PROGRAM + "." + method + " (AwaitsWithoutWeaving.java:" + SourceLines.lineOf(PROGRAM, marker) + ")";
        assertTrue(message.contains(where), "no '" + where + "' in: " + message);
        assertTrue(message.contains("-javaagent"), "no '-javaagent' in: " + message);
        assertTrue(message.contains("jasyncio-processor"), "no 'jasyncio-processor' in: " + message);
        assertTrue(message.contains("jasyncio-maven-plugin"), "no 'jasyncio-maven-plugin' in: " + message);
    }
}
