// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * The weaver's contract on resuming: a task resumes the innermost coroutine of its chain of awaits
 * directly, so the Java stack it resumes on is as deep for a chain of 200 as for a chain of 10.
 */
class ResumeDepthContractTest {
    private static final int SHALLOW = 10;
    private static final int DEEP = 200;

    private final ContractPrograms programs = new ContractPrograms();

    @Test
    void resumingTheInnermostCoroutineTakesTheSameStackAtAnyDepth() {
        int[] shallow = stackDepthsAtTheBottomOf(SHALLOW);
        int[] deep = stackDepthsAtTheBottomOf(DEEP);

        assertEquals(shallow[1], deep[1], "stack depth after the first resume, chains of " + SHALLOW + " and " + DEEP);
        assertEquals(shallow[2], deep[2], "stack depth after the second resume, chains of " + SHALLOW + " and " + DEEP);
    }

    @Test
    void theFirstRunOfAChainNestsOneCallPerAwait() {
        int[] shallow = stackDepthsAtTheBottomOf(SHALLOW);
        int[] deep = stackDepthsAtTheBottomOf(DEEP);

        assertTrue(deep[0] - shallow[0] >= DEEP - SHALLOW, "stack depth before suspending: " + shallow[0]
                + " at the bottom of " + SHALLOW + " awaits, " + deep[0] + " at the bottom of " + DEEP);
    }

    /**
     * Runs a chain of {@code depth} nested awaits; returns the Java stack depth its innermost coroutine
     * saw before suspending, after the first resume and after the second.
     */
    private int[] stackDepthsAtTheBottomOf(int depth) {
        Coroutine<?> chain = (Coroutine<?>) ContractPrograms.callStatic(programs.load("DeepChain"), "nest", depth);
        return (int[]) Asyncio.run(chain);
    }
}
