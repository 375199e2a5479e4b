// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass: the factory of an async generator returns the generator around its frame, not the frame.
 *
 * <pre>
 * before:  ...; checkcast Coroutine; areturn
 * after:   ...; checkcast Coroutine; invokestatic WovenCode.asyncGenerator(Coroutine)AsyncGenerator; areturn
 * </pre>
 *
 * Precondition: {@link FactoryEmitter} wrote {@code factory}. Postcondition: it returns an
 * {@code AsyncGenerator}, as its descriptor says, and still runs none of the user's code.
 */
final class WrapGeneratorFactoryPass {
    private WrapGeneratorFactoryPass() {
    }

    static void run(MethodNode factory) {
        for (AbstractInsnNode instruction : factory.instructions) {
            if (instruction.getOpcode() == Opcodes.ARETURN) {
                factory.instructions.insertBefore(instruction, ResumeCode.callWovenCode(
                        RuntimeNames.WRAP_GENERATOR, RuntimeNames.WRAP_GENERATOR_DESCRIPTOR));
                return;
            }
        }
    }
}
