// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/** Rethrowing exceptions as they were thrown, checked ones included, without wrapping them. */
final class Throwables {
    private Throwables() {
    }

    /**
     * Throws {@code failure} unchanged, even a checked exception: awaiting code sees exactly what the
     * awaited coroutine threw, as in Python. Declared to return an exception so that callers can write
     * {@code throw sneakyThrow(e)} and the compiler knows the path ends.
     */
    static RuntimeException sneakyThrow(Throwable failure) {
        throw Throwables.<RuntimeException>throwAs(failure);
    }

    /**
     * Whether {@code failure} is one that the runtime must not fold into other errors, as asyncio
     * treats {@code SystemExit} and {@code KeyboardInterrupt}: a {@link VirtualMachineError} other than
     * {@link StackOverflowError}, after which the JVM is in no state to go on running tasks.
     */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E throwAs(Throwable failure) throws E {
        throw (E) failure;
    }
}
