// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Emit: a method that could not be woven, rewritten to throw {@code io.jasyncio.NotWovenError} with
 * its weave errors as soon as it is called. The agent loads such classes rather than let the JVM
 * load them unwoven without a word; the error is an {@code Error}, as an unwoven {@code await}'s is,
 * so that no {@code catch (Exception e)} swallows it.
 */
final class RefusedMethods {
    private RefusedMethods() {
    }

    /** {@code method} with its code replaced by {@code throw new NotWovenError(errors)}; abstract and native methods are kept. */
    static MethodNode throwing(MethodNode method, List<WeaveError> errors) {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return method;
        }
        String message = "cannot run code that jasyncio could not weave: "
                + errors.stream().map(WeaveError::toString).collect(Collectors.joining("; "));
        InsnList code = new InsnList();
        code.add(new TypeInsnNode(Opcodes.NEW, RuntimeNames.NOT_WOVEN_ERROR));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new LdcInsnNode(message));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, RuntimeNames.NOT_WOVEN_ERROR, "<init>",
                "(Ljava/lang/String;)V", false));
        code.add(new InsnNode(Opcodes.ATHROW));
        method.instructions = code;
        method.tryCatchBlocks = new ArrayList<>();
        method.localVariables = null;
        method.visibleLocalVariableAnnotations = null;
        method.invisibleLocalVariableAnnotations = null;
        method.maxLocals = 0;
        method.maxStack = 0;
        return method;
    }
}
