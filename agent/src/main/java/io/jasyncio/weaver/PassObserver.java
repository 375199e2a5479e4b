// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Sees the method after each pass of {@link MethodWeaver} that changes it, so that tests can check
 * it there and name the pass that broke it. The weaver itself uses {@link #NONE}.
 */
@FunctionalInterface
interface PassObserver {
    PassObserver NONE = (pass, owner, method) -> { };

    /** Called after {@code pass} (its class's simple name) changed {@code method}. */
    void afterPass(String pass, ClassNode owner, MethodNode method);
}
