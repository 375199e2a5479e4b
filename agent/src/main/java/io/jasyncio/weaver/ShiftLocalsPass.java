// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass: makes room for the frame in local 0 of the body. Every local moves up by one (the receiver
 * and the arguments too, since the body takes them as its own arguments after the frame), and every
 * stack map frame gains the frame class as its first local.
 *
 * <pre>
 * before:  iload 2; ...; frame [Owner, int, int]
 * after:   iload 3; ...; frame [Owner-m-Frame, Owner, int, int]
 * </pre>
 *
 * Precondition: frames expanded. Postcondition: local 0 is free for the frame and the debug tables
 * name the same variables as before.
 */
final class ShiftLocalsPass {
    private ShiftLocalsPass() {
    }

    static void run(MethodNode method, String frameClass) {
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof VarInsnNode variable) {
                variable.var++;
            } else if (instruction instanceof IincInsnNode increment) {
                increment.var++;
            } else if (instruction instanceof FrameNode frame) {
                frame.local.add(0, frameClass);
            }
        }
        if (method.localVariables != null) {
            for (LocalVariableNode variable : method.localVariables) {
                variable.index++;
            }
        }
        shiftAnnotated(method.visibleLocalVariableAnnotations);
        shiftAnnotated(method.invisibleLocalVariableAnnotations);
        method.maxLocals++;
    }

    private static void shiftAnnotated(java.util.List<LocalVariableAnnotationNode> annotations) {
        if (annotations != null) {
            for (LocalVariableAnnotationNode annotation : annotations) {
                annotation.index.replaceAll(index -> index + 1);
            }
        }
    }
}
