// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.util.List;

/**
 * A generated method: the {@code @Async} twin {@code name} returns {@code Coroutine<R>}, the
 * synchronous twin {@link #syncName()} returns {@code R}, both with the same parameters.
 */
record MethodSignature(String name, ValueType returnType, List<ValueType> parameterTypes) {
    /** The name of the synchronous twin. */
    String syncName() {
        return syncNameOf(name);
    }

    static String syncNameOf(String asyncName) {
        return asyncName + "Sync";
    }
}
