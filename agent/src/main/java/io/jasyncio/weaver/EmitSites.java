// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Analysis: whether a method is an async generator (it returns {@code AsyncGenerator}), and its calls
 * of {@code AsyncGenerator.emit}, Python's {@code yield}, which become resume points as awaits do.
 * Read-only.
 */
final class EmitSites {
    private EmitSites() {
    }

    /** The text of the error for an {@code emit} anywhere but in an async generator, the processor's as well. */
    static final String EMIT_OUTSIDE_GENERATOR = "emit outside an async generator: only an @Async method or a"
            + " lambda returning io.jasyncio.AsyncGenerator<T> can hand out values";

    /** Whether {@code instruction} is a call of {@code AsyncGenerator.emit(Object)}. */
    static boolean isEmit(AbstractInsnNode instruction) {
        return instruction instanceof MethodInsnNode call
                && call.getOpcode() == Opcodes.INVOKESTATIC
                && call.owner.equals(RuntimeNames.ASYNC_GENERATOR)
                && call.name.equals(RuntimeNames.EMIT)
                && call.desc.equals(RuntimeNames.EMIT_DESCRIPTOR);
    }

    /** Whether {@code method} returns {@code AsyncGenerator}: woven, it is an async generator. */
    static boolean returnsGenerator(MethodNode method) {
        return Type.getReturnType(method.desc).getDescriptor().equals(RuntimeNames.ASYNC_GENERATOR_DESCRIPTOR);
    }

    /** The error for the first emit of {@code context}'s method, if it is no async generator; or nothing. */
    static List<WeaveError> misplaced(MethodContext context) {
        if (returnsGenerator(context.method) && ClassWeaver.isCoroutine(context.method)) {
            return List.of();
        }
        for (AbstractInsnNode instruction : context.method.instructions) {
            if (isEmit(instruction)) {
                return List.of(context.error(instruction, EMIT_OUTSIDE_GENERATOR));
            }
        }
        return List.of();
    }
}
