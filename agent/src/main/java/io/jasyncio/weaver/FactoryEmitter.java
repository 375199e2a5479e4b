// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Emit: the {@code @Async} method as callers see it, with its name, descriptor, annotations and
 * signature. It runs nothing of the user's code: it creates the frame, stores the receiver and the
 * arguments in it, and returns it, as calling an {@code async def} in Python returns a coroutine.
 *
 * <pre>
 * Coroutine m(A a, B b) {
 *     invokedynamic defineFrameClass("Owner-m-Frame", classFileBytes)   // once: defines the class
 *     Owner-m-Frame frame = new Owner-m-Frame();
 *     frame.L$0 = this; frame.L$1 = a; frame.I$0 = b;
 *     return (Coroutine) frame;
 * }
 * </pre>
 */
final class FactoryEmitter {
    /** How many chars of the class file go in one string constant; a constant holds 65535 UTF-8 bytes. */
    private static final int CHUNK_CHARS = 30_000;

    private FactoryEmitter() {
    }

    static MethodNode emit(MethodContext context, SlotPlan.Point arguments, byte[] frameClassFile, FrameAccess frame) {
        MethodNode original = context.method;
        MethodNode factory = new MethodNode(Opcodes.ASM9, original.access, original.name, original.desc,
                original.signature, original.exceptions == null ? null : original.exceptions.toArray(new String[0]));
        factory.visibleAnnotations = original.visibleAnnotations;
        factory.invisibleAnnotations = original.invisibleAnnotations;
        factory.visibleParameterAnnotations = original.visibleParameterAnnotations;
        factory.invisibleParameterAnnotations = original.invisibleParameterAnnotations;
        factory.visibleAnnotableParameterCount = original.visibleAnnotableParameterCount;
        factory.invisibleAnnotableParameterCount = original.invisibleAnnotableParameterCount;
        factory.parameters = original.parameters;
        factory.visibleTypeAnnotations = original.visibleTypeAnnotations;
        factory.invisibleTypeAnnotations = original.invisibleTypeAnnotations;
        factory.attrs = original.attrs;

        InsnList code = factory.instructions;
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        code.add(start);
        int firstLine = context.firstLine();
        if (firstLine >= 0) {
            code.add(new LineNumberNode(firstLine, start));
        }
        String frameSimpleName = context.frameClass.substring(context.frameClass.lastIndexOf('/') + 1);
        code.add(new InvokeDynamicInsnNode(frameSimpleName, "()V",
                new Handle(Opcodes.H_INVOKESTATIC, RuntimeNames.WOVEN_CODE, RuntimeNames.DEFINE_FRAME_CLASS,
                        RuntimeNames.DEFINE_FRAME_CLASS_DESCRIPTOR, false),
                chunks(frameClassFile)));
        code.add(new TypeInsnNode(Opcodes.NEW, context.frameClass));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, context.frameClass, "<init>", "()V", false));
        for (SlotPlan.Spill argument : arguments.locals()) {
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new VarInsnNode(argument.sort().loadOpcode, argument.position()));
            code.add(new FieldInsnNode(Opcodes.PUTFIELD, frame.frameClass(), argument.fieldName(),
                    argument.sort().fieldDescriptor));
        }
        code.add(new TypeInsnNode(Opcodes.CHECKCAST, RuntimeNames.COROUTINE));
        code.add(new InsnNode(Opcodes.ARETURN));
        code.add(end);
        factory.localVariables = argumentVariables(original, arguments, start, end);
        return factory;
    }

    /** The debug entries of the receiver and the arguments, so a debugger names them in the factory too. */
    private static List<LocalVariableNode> argumentVariables(
            MethodNode original, SlotPlan.Point arguments, LabelNode start, LabelNode end) {
        List<LocalVariableNode> variables = new ArrayList<>();
        if (original.localVariables == null) {
            return variables;
        }
        for (SlotPlan.Spill argument : arguments.locals()) {
            for (LocalVariableNode variable : original.localVariables) {
                if (variable.index == argument.position()) {
                    variables.add(new LocalVariableNode(variable.name, variable.desc, variable.signature, start, end,
                            variable.index));
                    break;
                }
            }
        }
        return variables;
    }

    /** The class file as string constants of one char per byte. */
    private static Object[] chunks(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        List<String> chunks = new ArrayList<>();
        for (int from = 0; from < text.length(); from += CHUNK_CHARS) {
            chunks.add(text.substring(from, Math.min(text.length(), from + CHUNK_CHARS)));
        }
        return chunks.toArray();
    }
}
