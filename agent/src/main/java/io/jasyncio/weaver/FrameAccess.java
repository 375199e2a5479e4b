// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The instructions that move values between the body's locals and operand stack and the frame's
 * typed slots. The frame is local 0 of the body, so a value of original local {@code n} lives in
 * body local {@code n + 1}. Every reference is cleared from its slot as it is restored, so that a
 * frame never keeps alive a value its coroutine no longer holds.
 *
 * <p>Woven code names the frame class only in {@code getfield}/{@code putfield} on the frame class
 * itself and in one {@code checkcast}: the verifier then never needs to load it, which matters
 * because it is defined only when the method first runs.
 */
final class FrameAccess {
    /** The body's local that holds the frame. */
    static final int FRAME_LOCAL = 0;

    private final String frameClass;

    FrameAccess(String frameClass) {
        this.frameClass = frameClass;
    }

    String frameClass() {
        return frameClass;
    }

    /** Pushes the frame. */
    void loadFrame(InsnList code) {
        code.add(new VarInsnNode(Opcodes.ALOAD, FRAME_LOCAL));
    }

    /** Saves original local {@code spill.position()} in its slot. */
    void saveLocal(InsnList code, SlotPlan.Spill spill) {
        if (spill.sort() == SlotSort.NULL) {
            return;
        }
        loadFrame(code);
        code.add(new VarInsnNode(spill.sort().loadOpcode, spill.position() + 1));
        putSlot(code, spill);
    }

    /** Pops the top of the operand stack into its slot. */
    void saveStackTop(InsnList code, SlotPlan.Spill spill) {
        if (spill.sort() == SlotSort.NULL) {
            code.add(new InsnNode(Opcodes.POP));
            return;
        }
        loadFrame(code);
        if (spill.sort().isWide()) {
            code.add(new InsnNode(Opcodes.DUP_X2));
            code.add(new InsnNode(Opcodes.POP));
        } else {
            code.add(new InsnNode(Opcodes.SWAP));
        }
        putSlot(code, spill);
    }

    /** Restores original local {@code spill.position()} from its slot, clearing a reference slot. */
    void restoreLocal(InsnList code, SlotPlan.Spill spill) {
        pushSaved(code, spill);
        code.add(new VarInsnNode(spill.sort().storeOpcode, spill.position() + 1));
    }

    /** Pushes the value saved in {@code spill}'s slot, cast back to its type, clearing a reference slot. */
    void pushSaved(InsnList code, SlotPlan.Spill spill) {
        if (spill.sort() == SlotSort.NULL) {
            code.add(new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        loadFrame(code);
        code.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, spill.fieldName(), spill.sort().fieldDescriptor));
        if (spill.sort() == SlotSort.REFERENCE) {
            if (!spill.referenceType().equals("java/lang/Object")) {
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, spill.referenceType()));
            }
            clearSlot(code, spill);
        }
    }

    /** Sets a reference slot to {@code null}; other slots hold no references and are left alone. */
    void clearSlot(InsnList code, SlotPlan.Spill spill) {
        if (spill.sort() != SlotSort.REFERENCE) {
            return;
        }
        loadFrame(code);
        code.add(new InsnNode(Opcodes.ACONST_NULL));
        putSlot(code, spill);
    }

    private void putSlot(InsnList code, SlotPlan.Spill spill) {
        code.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, spill.fieldName(), spill.sort().fieldDescriptor));
    }
}
