// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** The method being woven, its class, and how to report an error at one of its instructions. */
final class MethodContext {
    final ClassNode owner;
    final MethodNode method;

    /** The internal name of the frame class generated for this method. */
    final String frameClass;

    MethodContext(ClassNode owner, MethodNode method, String frameClass) {
        this.owner = owner;
        this.method = method;
        this.frameClass = frameClass;
    }

    /** Whether the method has a receiver, {@code this}. */
    boolean isInstanceMethod() {
        return (method.access & org.objectweb.asm.Opcodes.ACC_STATIC) == 0;
    }

    /** The source line of {@code instruction}: the line number entry before it, or -1. */
    static int lineOf(AbstractInsnNode instruction) {
        for (AbstractInsnNode node = instruction; node != null; node = node.getPrevious()) {
            if (node instanceof LineNumberNode lineNumber) {
                return lineNumber.line;
            }
        }
        return -1;
    }

    /** The first source line of the method, or -1. */
    int firstLine() {
        for (AbstractInsnNode node : method.instructions) {
            if (node instanceof LineNumberNode lineNumber) {
                return lineNumber.line;
            }
        }
        return -1;
    }

    /** An error at {@code instruction} (or at the method's first line if it is {@code null}). */
    WeaveError error(AbstractInsnNode instruction, String message) {
        int line = instruction != null ? lineOf(instruction) : firstLine();
        return new WeaveError(owner.name.replace('/', '.'), owner.sourceFile, method.name, line, message);
    }

    /** Fails the weave of this method with one error. */
    WeaveException failure(AbstractInsnNode instruction, String message) {
        return new WeaveException(List.of(error(instruction, message)));
    }
}
