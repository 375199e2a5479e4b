// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The memory contract: suspending allocates nothing that stays, so a coroutine that suspends ten
 * million times keeps the heap flat; and a frame never keeps a value its coroutine no longer holds,
 * so a finished task retains none of the values it spilled.
 */
class MemoryContractTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Far above noise, far below what even 2 bytes kept per suspension would add up to. */
    private static final long FLAT_HEAP_BOUND = 16L * 1024 * 1024;

    private final ContractPrograms programs = new ContractPrograms();

    @Test
    void aCoroutineThatSuspendsTenMillionTimesKeepsItsHeapFlat() {
        LongSupplier retainedHeap = () -> {
            System.gc();
            return MEMORY.getHeapMemoryUsage().getUsed();
        };
        Coroutine<?> coroutine = (Coroutine<?>) ContractPrograms.callStatic(programs.load("Memory"), "suspendMany",
                10_000_000L, 1_000_000L, retainedHeap);

        @SuppressWarnings("unchecked")
        List<Long> samples = (List<Long>) io.jasyncio.Asyncio.run(coroutine);

        assertEquals(10, samples.size());
        long first = samples.get(0);
        long growth = samples.stream().mapToLong(Long::longValue).max().orElseThrow() - first;
        assertTrue(growth < FLAT_HEAP_BOUND, "retained heap grew by " + growth + " bytes: " + samples);
    }

    @Test
    void aFinishedTaskHoldsNoReferenceToTheValuesItSpilled() {
        Class<?> memory = programs.load("Memory");
        int[] observedLength = new int[1];
        EventLoop loop = new EventLoop();
        Object spilled = new StringBuilder("spilled value");
        @SuppressWarnings("unchecked")
        WeakReference<Object> reference = (WeakReference<Object>) ContractPrograms.callStatic(memory, "weakly", spilled);
        Task<?> task = loop.createTask((Coroutine<?>) ContractPrograms.callStatic(memory, "spillAcrossAwaits", spilled,
                observedLength));
        spilled = null;

        assertEquals(13, loop.runUntilComplete(task));
        loop.close();
        System.gc();

        assertEquals(13, observedLength[0], "the coroutine saw the value");
        assertNull(reference.get(), "the finished task, still referenced, kept the spilled value alive");
        assertTrue(task.done());
    }
}
