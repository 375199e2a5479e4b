// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The weaver's contract on allocation: calling a woven {@code @Async} method allocates one object, the
 * frame, which is the coroutine it returns; awaiting something already done allocates nothing.
 */
class AllocationContractTest {
    private static final int CALLS = 100_000;
    private static final int ROUNDS = 10;

    /**
     * How far bytes per call may stray from the frame's size: a second object per call costs at least
     * 16 bytes, while the batch's own reflective call is spread over {@link #CALLS} calls.
     */
    private static final double TOLERANCE = 0.5;

    private final ContractPrograms programs = new ContractPrograms();

    @Test
    void callingAStaticAsyncMethodAllocatesOnlyItsFrameAndRunsNothing() {
        Class<?> calls = programs.load("Calls");
        Method callMixed = ContractPrograms.method(calls, "callMixed");
        Object[] sink = new Object[CALLS];

        double bytesPerCall = Allocations.bytesPerCall(ROUNDS, CALLS,
                () -> ContractPrograms.invoke(callMixed, null, (Object) sink));

        assertEachIsOneFrame(sink, calls.getName() + "-mixed-Frame", bytesPerCall);
        assertEquals(0, bodiesRun(calls), "a body ran before its coroutine was awaited");
        assertEquals("name130.5", Asyncio.run((Coroutine<?>) sink[1]), "mixed(1, 3L, \"name\", 0.5)");
        assertEquals(1, bodiesRun(calls), "awaiting the coroutine runs its body");
    }

    @Test
    void callingAnInstanceAsyncMethodAllocatesOnlyItsFrameAndRunsNothing() throws Exception {
        Class<?> calls = programs.load("Calls");
        Object receiver = calls.getConstructor(String.class).newInstance("hello ");
        Method callGreet = ContractPrograms.method(calls, "callGreet");
        Object[] sink = new Object[CALLS];

        double bytesPerCall = Allocations.bytesPerCall(ROUNDS, CALLS,
                () -> ContractPrograms.invoke(callGreet, receiver, (Object) sink));

        assertEachIsOneFrame(sink, calls.getName() + "-greet-Frame", bytesPerCall);
        assertEquals(0, bodiesRun(calls), "a body ran before its coroutine was awaited");
        assertEquals("hello world", Asyncio.run((Coroutine<?>) sink[0]));
        assertEquals(1, bodiesRun(calls), "awaiting the coroutine runs its body");
    }

    @Test
    void theFrameHoldsPrimitiveArgumentsInPrimitiveFieldsWithoutBoxing() {
        Class<?> calls = programs.load("Calls");
        Object frame = ContractPrograms.callStatic(calls, "mixed", 1, 2L, "name", 3.0);

        Set<Class<?>> fieldTypes = Arrays.stream(frame.getClass().getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(field -> field.getType())
                .collect(Collectors.toSet());
        assertTrue(fieldTypes.containsAll(Set.of(int.class, long.class, double.class)),
                "the frame of mixed(int, long, String, double) has fields of types " + fieldTypes);
    }

    @Test
    void awaitingADoneFutureInALoopAllocatesNothing() {
        Class<?> awaitDone = programs.load("AwaitDone");
        LongSupplier allocatedBytes = Allocations::allocatedBytes;

        long leastBytes = Allocations.least(ROUNDS, () -> {
            Coroutine<?> loop = (Coroutine<?>) ContractPrograms.callStatic(
                    awaitDone, "awaitDoneInLoop", CALLS, allocatedBytes);
            long[] bytesAndSum = (long[]) Asyncio.run(loop);
            assertEquals(7L * CALLS, bytesAndSum[1], "the sum of the awaited values");
            return bytesAndSum[0];
        });

        assertTrue(leastBytes < CALLS,
                "awaits of a done future allocated " + leastBytes + " bytes in " + CALLS + " iterations");
    }

    /**
     * Asserts that every element of {@code sink} is an instance of the frame class {@code frameClass},
     * a {@link Coroutine}, and that a call allocated exactly one of them.
     */
    private static void assertEachIsOneFrame(Object[] sink, String frameClass, double bytesPerCall) {
        Class<?> type = sink[0].getClass();
        assertEquals(frameClass, type.getName());
        assertTrue(sink[0] instanceof Coroutine<?>, type + " is not a Coroutine");
        for (Object each : sink) {
            assertSame(type, each.getClass());
        }
        assertNotSame(sink[0], sink[1], "each call returns a new coroutine");
        long frameSize = Allocations.shallowSize(type);
        assertTrue(Math.abs(bytesPerCall - frameSize) < TOLERANCE,
                "a call allocated " + bytesPerCall + " bytes; one " + type.getSimpleName() + " takes " + frameSize);
    }

    private static int bodiesRun(Class<?> calls) {
        try {
            return calls.getField("bodiesRun").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
