// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The code every resume point shares, whether an await ({@link BuildStateMachinePass}) or an emit
 * ({@link RewriteEmitsPass}): saving the state before suspending, the resume block that restores it,
 * and the stack map frames of the body. One per woven body; it owns the body's scratch local.
 */
final class ResumeCode {
    private final FrameAccess frame;

    /** A local past the original ones, for the awaited or emitted value while the state is saved. */
    final int scratchLocal;

    /** The resume blocks, appended after the original code; restoring happens outside every try block. */
    final InsnList tail = new InsnList();

    ResumeCode(MethodNode method, FrameAccess frame) {
        this.frame = frame;
        this.scratchLocal = method.maxLocals++;
    }

    FrameAccess frame() {
        return frame;
    }

    /**
     * With the awaited or emitted value on top of the stack: stores it in the scratch local, saves the
     * stack below it and the live locals in the frame, and sets the frame's label to the point's.
     */
    void saveState(InsnList site, ResumePoint point) {
        site.add(new VarInsnNode(Opcodes.ASTORE, scratchLocal));
        List<SlotPlan.Spill> savedStack = point.saved().stack();
        for (int index = savedStack.size() - 1; index >= 0; index--) {
            frame.saveStackTop(site, savedStack.get(index));
        }
        for (SlotPlan.Spill local : point.saved().locals()) {
            frame.saveLocal(site, local);
        }
        frame.loadFrame(site);
        site.add(new LdcInsnNode(point.label()));
        site.add(new FieldInsnNode(Opcodes.PUTFIELD, frame.frameClass(), RuntimeNames.LABEL_FIELD, "I"));
    }

    /**
     * Appends the resume block of {@code point} to the tail: restores the locals and the stack and
     * jumps back to {@code takeValue}, inside the user's try blocks. Returns the block's label, the
     * target of the dispatch; {@code line} is the source line of the point.
     */
    LabelNode appendResumeBlock(ResumePoint point, LabelNode takeValue, int line) {
        LabelNode resume = new LabelNode();
        tail.add(resume);
        if (line >= 0) {
            tail.add(new LineNumberNode(line, resume));
        }
        tail.add(frameNode(List.of(), List.of()));
        for (SlotPlan.Spill local : point.saved().locals()) {
            frame.restoreLocal(tail, local);
        }
        for (SlotPlan.Spill entry : point.saved().stack()) {
            frame.pushSaved(tail, entry);
        }
        tail.add(new JumpInsnNode(Opcodes.GOTO, takeValue));
        return resume;
    }

    /**
     * A stack map frame for the body: the frame class in local 0, then {@code locals} of the
     * original method, in {@link FrameTypes.Snapshot} form.
     */
    FrameNode frameNode(List<Object> locals, List<Object> stack) {
        List<Object> bodyLocals = new ArrayList<>(locals.size() + 1);
        bodyLocals.add(frame.frameClass());
        bodyLocals.addAll(locals);
        List<Object> frameLocals = FrameTypes.toFrameForm(bodyLocals, true);
        List<Object> frameStack = FrameTypes.toFrameForm(stack, false);
        return new FrameNode(Opcodes.F_NEW, frameLocals.size(), frameLocals.toArray(),
                frameStack.size(), frameStack.toArray());
    }

    /**
     * Whether a stack map frame of the original code stands at the same offset as {@code node}: then
     * it serves as the frame there, since two frames cannot share an offset.
     */
    static boolean frameFollows(AbstractInsnNode node) {
        for (AbstractInsnNode next = node; next != null; next = next.getNext()) {
            if (next instanceof FrameNode) {
                return true;
            }
            if (next.getOpcode() >= 0) {
                return false;
            }
        }
        return false;
    }

    static MethodInsnNode callWovenCode(String name, String descriptor) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.WOVEN_CODE, name, descriptor, false);
    }
}
