// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.function.Executable;

/**
 * Counts the bytes that the current thread allocates, with HotSpot's per-thread counter, and sizes
 * objects as HotSpot lays them out, so that tests can say how many objects a piece of code allocates.
 *
 * <p>Every measurement is repeated and the least result kept: the first rounds load classes and run
 * interpreted, and the fewest bytes a round allocated is still at least what every round must allocate.
 */
final class Allocations {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final HotSpotDiagnosticMXBean HOTSPOT =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    private Allocations() {
    }

    /** The bytes this thread has allocated since it started; a {@link LongSupplier} for code under test. */
    static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The fewest bytes that one run of {@code action} allocated over {@code rounds} runs, not counting
     * the cost of reading the counter.
     */
    static long leastAllocatedBy(int rounds, Executable action) {
        return least(rounds, () -> {
            long start = allocatedBytes();
            long before = allocatedBytes();
            execute(action);
            long after = allocatedBytes();
            return (after - before) - (before - start);
        });
    }

    /** The least of {@code rounds} runs of {@code measurement}, a run that returns the bytes it counted. */
    static long least(int rounds, LongSupplier measurement) {
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            least = Math.min(least, measurement.getAsLong());
        }
        return least;
    }

    /** Bytes per call of a {@code batch} that makes {@code calls} calls, the least over {@code rounds} batches. */
    static double bytesPerCall(int rounds, int calls, Executable batch) {
        return (double) leastAllocatedBy(rounds, batch) / calls;
    }

    /**
     * The bytes one instance of {@code type} takes on this JVM: the end of its last field, from the
     * offsets HotSpot gave its fields, rounded up to the object alignment. An allocation of the object
     * costs exactly this much.
     */
    static long shallowSize(Class<?> type) {
        long end = 0;
        for (Class<?> each = type; each != null; each = each.getSuperclass()) {
            for (Field field : each.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    end = Math.max(end, Unsafe.objectFieldOffset(field) + sizeOf(field.getType()));
                }
            }
        }
        long alignment = Long.parseLong(HOTSPOT.getVMOption("ObjectAlignmentInBytes").getValue());
        return (end + alignment - 1) / alignment * alignment;
    }

    private static long sizeOf(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        if (type == byte.class || type == boolean.class) {
            return 1;
        }
        return Boolean.parseBoolean(HOTSPOT.getVMOption("UseCompressedOops").getValue()) ? 4 : 8;
    }

    private static void execute(Executable action) {
        try {
            action.execute();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked);
        }
    }

    /** {@code sun.misc.Unsafe#objectFieldOffset}, reached by reflection so that no code names it. */
    private static final class Unsafe {
        private static final Object THE_UNSAFE;
        private static final Method OBJECT_FIELD_OFFSET;

        static {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                THE_UNSAFE = theUnsafe.get(null);
                OBJECT_FIELD_OFFSET = unsafeClass.getMethod("objectFieldOffset", Field.class);
            } catch (ReflectiveOperationException unavailable) {
                throw new ExceptionInInitializerError(unavailable);
            }
        }

        static long objectFieldOffset(Field field) {
            try {
                return (long) OBJECT_FIELD_OFFSET.invoke(THE_UNSAFE, field);
            } catch (ReflectiveOperationException unavailable) {
                throw new IllegalStateException(unavailable);
            }
        }
    }
}
