// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emit: the frame class of one {@code @Async} method, the coroutine object that a call of the method
 * returns.
 *
 * <pre>
 * final class Owner-m-Frame extends Coroutine {
 *     int label;                       // 0: not started; k: suspended at await k
 *     Object L$0; int I$0; long J$0;   // typed slots, as many of each sort as the busiest point needs
 *     protected Object resume() { return Owner.m(this, null, 0, ...); }   // the body; the other
 *                                                                          // arguments are unused
 *     protected String functionName() { return "Owner.m"; }                // for repr and errors
 *     protected int awaitLine() {                  // where a suspended task waits, for getStack
 *         switch (label) { case 1: return 12; case 2: return 15; default: return FIRST_LINE; }
 *     }
 *     protected String sourceFile() { return "Owner.java"; }
 * }
 * </pre>
 *
 * It names only {@code Coroutine} and the owner, so defining it needs nothing else.
 */
final class FrameClassEmitter {
    private FrameClassEmitter() {
    }

    /** The line of the method's first line number entry, its first statement; 0 without line numbers. */
    private static int firstLineOf(MethodNode method) {
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return 0;
    }

    static byte[] emit(MethodContext context, SlotPlan plan, String bodyDescriptor, List<ResumePoint> points) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        int version = Math.max(context.owner.version & 0xFFFF, Opcodes.V1_8);
        writer.visit(version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                context.frameClass, null, RuntimeNames.COROUTINE, null);
        if (context.owner.sourceFile != null) {
            writer.visitSource(context.owner.sourceFile, null);
        }
        writer.visitField(0, RuntimeNames.LABEL_FIELD, "I", null, null).visitEnd();
        for (SlotSort sort : SlotSort.values()) {
            for (int slot = 0; slot < plan.fieldCount(sort); slot++) {
                writer.visitField(0, sort.fieldName(slot), sort.fieldDescriptor, null, null).visitEnd();
            }
        }

        MethodVisitor constructor = writer.visitMethod(0, "<init>", "()V", null, null);
        constructor.visitCode();
        constructor.visitVarInsn(Opcodes.ALOAD, 0);
        constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, RuntimeNames.COROUTINE, "<init>", "()V", false);
        constructor.visitInsn(Opcodes.RETURN);
        constructor.visitMaxs(0, 0);
        constructor.visitEnd();

        MethodVisitor resume = writer.visitMethod(Opcodes.ACC_PROTECTED, RuntimeNames.RESUME,
                RuntimeNames.RESUME_DESCRIPTOR, null, null);
        resume.visitCode();
        int firstLine = firstLineOf(context.method);
        if (firstLine > 0) {
            // A stack trace then shows Owner-m-Frame.resume(Owner.java:LINE) at the method's first line.
            Label start = new Label();
            resume.visitLabel(start);
            resume.visitLineNumber(firstLine, start);
        }
        resume.visitVarInsn(Opcodes.ALOAD, 0);
        Type[] bodyArguments = Type.getArgumentTypes(bodyDescriptor);
        for (int argument = 1; argument < bodyArguments.length; argument++) {
            pushDefault(resume, bodyArguments[argument]);
        }
        boolean ownerIsInterface = (context.owner.access & Opcodes.ACC_INTERFACE) != 0;
        resume.visitMethodInsn(Opcodes.INVOKESTATIC, context.owner.name, context.method.name, bodyDescriptor,
                ownerIsInterface);
        resume.visitInsn(Opcodes.ARETURN);
        resume.visitMaxs(0, 0);
        resume.visitEnd();

        MethodVisitor functionName = writer.visitMethod(Opcodes.ACC_PROTECTED, RuntimeNames.FUNCTION_NAME,
                RuntimeNames.FUNCTION_NAME_DESCRIPTOR, null, null);
        functionName.visitCode();
        functionName.visitLdcInsn(functionName(context));
        functionName.visitInsn(Opcodes.ARETURN);
        functionName.visitMaxs(0, 0);
        functionName.visitEnd();

        emitAwaitLine(writer, context, points);
        if (context.owner.sourceFile != null) {
            MethodVisitor sourceFile = writer.visitMethod(Opcodes.ACC_PROTECTED, RuntimeNames.SOURCE_FILE,
                    RuntimeNames.SOURCE_FILE_DESCRIPTOR, null, null);
            sourceFile.visitCode();
            sourceFile.visitLdcInsn(context.owner.sourceFile);
            sourceFile.visitInsn(Opcodes.ARETURN);
            sourceFile.visitMaxs(0, 0);
            sourceFile.visitEnd();
        }

        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * The table of await lines: a switch on the label in constant code, read only when someone asks
     * where the task waits, so that suspending and resuming pay nothing for it.
     */
    private static void emitAwaitLine(ClassWriter writer, MethodContext context, List<ResumePoint> points) {
        MethodVisitor awaitLine = writer.visitMethod(Opcodes.ACC_PROTECTED, RuntimeNames.AWAIT_LINE,
                RuntimeNames.AWAIT_LINE_DESCRIPTOR, null, null);
        awaitLine.visitCode();
        Label notSuspended = new Label();
        if (!points.isEmpty()) {
            int[] keys = new int[points.size()];
            Label[] lines = new Label[points.size()];
            for (int index = 0; index < points.size(); index++) {
                keys[index] = points.get(index).label();
                lines[index] = new Label();
            }
            awaitLine.visitVarInsn(Opcodes.ALOAD, 0);
            awaitLine.visitFieldInsn(Opcodes.GETFIELD, context.frameClass, RuntimeNames.LABEL_FIELD, "I");
            awaitLine.visitLookupSwitchInsn(notSuspended, keys, lines);
            for (int index = 0; index < points.size(); index++) {
                awaitLine.visitLabel(lines[index]);
                awaitLine.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
                awaitLine.visitLdcInsn(MethodContext.lineOf(points.get(index).call()));
                awaitLine.visitInsn(Opcodes.IRETURN);
            }
        }
        awaitLine.visitLabel(notSuspended);
        if (!points.isEmpty()) {
            awaitLine.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        }
        awaitLine.visitLdcInsn(context.firstLine()); // not started: where the method begins
        awaitLine.visitInsn(Opcodes.IRETURN);
        awaitLine.visitMaxs(0, 0);
        awaitLine.visitEnd();
    }

    /** {@code Owner.method}, nested classes joined by dots, as asyncio's repr names a coroutine. */
    private static String functionName(MethodContext context) {
        String owner = context.owner.name.substring(context.owner.name.lastIndexOf('/') + 1).replace('$', '.');
        return owner + "." + context.method.name;
    }

    /** Pushes the zero value of {@code type}: the body ignores these arguments and reads its frame. */
    private static void pushDefault(MethodVisitor code, Type type) {
        switch (type.getSort()) {
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0);
        }
    }
}
