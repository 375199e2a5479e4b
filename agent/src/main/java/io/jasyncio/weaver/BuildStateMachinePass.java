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
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass: turns the body into a state machine with one resume point per await.
 *
 * <p>The body opens with a dispatch on the frame's label: 0 restores the arguments and starts the
 * original code; {@code k} jumps to the resume block of await {@code k}. Each await becomes, in
 * Java-like pseudo-code:
 *
 * <pre>
 * x = ...;                                        // the awaited value, on top of the stack
 * if (WovenCode.isDone(x)) {
 *     v = WovenCode.doneResult(x);                // done already: no suspension, no allocation
 * } else {
 *     save stack and locals in the frame; frame.label = k;
 *     v = WovenCode.await(frame, x);
 *     if (v == SUSPENDED) return SUSPENDED;
 *     clear the frame's references; restore the stack;   // x was a coroutine that ran to its end
 * }
 * ...continue with v
 *
 * resume_k:                                       // at the end, outside every try block
 *     restore locals and stack from the frame; goto take_k
 * take_k:                                         // back inside the user's try blocks
 *     v = WovenCode.resumeValue(frame)            // throws what the awaited object threw
 * </pre>
 *
 * Restoring happens outside every try block because exception handlers require their locals to be
 * defined, which they are not until the restore ends; the value is taken where the await was, so
 * that its exception meets the user's handlers. Precondition: {@link ShiftLocalsPass} ran, no
 * unconstructed object is live across an await. Postcondition: the method verifies as
 * {@code static Object m(Coroutine, ...)}.
 */
final class BuildStateMachinePass {
    private static final String OBJECT = "java/lang/Object";

    private final FrameAccess frame;
    private final MethodNode method;
    private final int scratchLocal;

    /** The resume blocks and the bad-label block, appended after the original code. */
    private final InsnList tail = new InsnList();

    private BuildStateMachinePass(MethodContext context, FrameAccess frame) {
        this.frame = frame;
        this.method = context.method;
        this.scratchLocal = method.maxLocals++;
    }

    static void run(MethodContext context, FrameAccess frame, SlotPlan.Point entry, List<ResumePoint> points) {
        new BuildStateMachinePass(context, frame).build(entry, points);
    }

    private void build(SlotPlan.Point entry, List<ResumePoint> points) {
        List<LabelNode> resumeLabels = new ArrayList<>();
        for (ResumePoint point : points) {
            resumeLabels.add(rewriteAwait(point));
        }
        LabelNode badLabel = new LabelNode();
        tail.add(badLabel);
        tail.add(frameNode(List.of(), List.of()));
        tail.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        tail.add(new InsnNode(Opcodes.DUP));
        tail.add(new LdcInsnNode("bad resume label in " + frame.frameClass().replace('/', '.')));
        tail.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        tail.add(new InsnNode(Opcodes.ATHROW));
        method.instructions.insert(dispatch(entry, resumeLabels, badLabel));
        method.instructions.add(tail);
    }

    /** The body's opening: cast the frame, switch on its label, restore the arguments at label 0. */
    private InsnList dispatch(SlotPlan.Point entry, List<LabelNode> resumeLabels, LabelNode badLabel) {
        InsnList code = new InsnList();
        frame.loadFrame(code);
        code.add(new TypeInsnNode(Opcodes.CHECKCAST, frame.frameClass()));
        code.add(new VarInsnNode(Opcodes.ASTORE, FrameAccess.FRAME_LOCAL));
        frame.loadFrame(code);
        code.add(new FieldInsnNode(Opcodes.GETFIELD, frame.frameClass(), RuntimeNames.LABEL_FIELD, "I"));
        LabelNode start = new LabelNode();
        List<LabelNode> targets = new ArrayList<>();
        targets.add(start);
        targets.addAll(resumeLabels);
        code.add(new TableSwitchInsnNode(0, resumeLabels.size(), badLabel, targets.toArray(new LabelNode[0])));
        code.add(start);
        if (!entry.locals().isEmpty() || !frameFollows(method.instructions.getFirst())) {
            code.add(frameNode(List.of(), List.of()));
        }
        for (SlotPlan.Spill argument : entry.locals()) {
            frame.restoreLocal(code, argument);
        }
        return code;
    }

    /** Rewrites one await in place and appends its resume block to the tail; returns the block's label. */
    private LabelNode rewriteAwait(ResumePoint point) {
        List<Object> locals = point.types().locals();
        List<Object> stackWithAwaitable = point.types().stack();
        List<Object> stack = stackWithAwaitable.subList(0, stackWithAwaitable.size() - 1);
        List<Object> stackWithValue = new ArrayList<>(stack);
        stackWithValue.add(OBJECT);
        LabelNode slowPath = new LabelNode();
        LabelNode ranInline = new LabelNode();
        LabelNode takeValue = new LabelNode();
        LabelNode afterAwait = new LabelNode();
        boolean frameAfterAwait = frameFollows(point.await().getNext());

        InsnList site = new InsnList();
        site.add(new InsnNode(Opcodes.DUP));
        site.add(callWovenCode(RuntimeNames.IS_DONE, RuntimeNames.IS_DONE_DESCRIPTOR));
        site.add(new JumpInsnNode(Opcodes.IFEQ, slowPath));
        site.add(callWovenCode(RuntimeNames.DONE_RESULT, RuntimeNames.DONE_RESULT_DESCRIPTOR));
        site.add(new JumpInsnNode(Opcodes.GOTO, afterAwait));

        site.add(slowPath);
        site.add(frameNode(locals, stackWithAwaitable));
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
        frame.loadFrame(site);
        site.add(new VarInsnNode(Opcodes.ALOAD, scratchLocal));
        site.add(callWovenCode(RuntimeNames.SUSPEND, RuntimeNames.SUSPEND_DESCRIPTOR));
        site.add(new InsnNode(Opcodes.DUP));
        site.add(new FieldInsnNode(Opcodes.GETSTATIC, RuntimeNames.WOVEN_CODE, RuntimeNames.SUSPENDED,
                "Ljava/lang/Object;"));
        site.add(new JumpInsnNode(Opcodes.IF_ACMPNE, ranInline));
        site.add(new InsnNode(Opcodes.ARETURN));

        site.add(ranInline);
        site.add(frameNode(locals, List.of(OBJECT)));
        site.add(new VarInsnNode(Opcodes.ASTORE, scratchLocal));
        for (SlotPlan.Spill local : point.saved().locals()) {
            frame.clearSlot(site, local);
        }
        for (SlotPlan.Spill entry : savedStack) {
            frame.pushSaved(site, entry);
        }
        site.add(new VarInsnNode(Opcodes.ALOAD, scratchLocal));
        site.add(new JumpInsnNode(Opcodes.GOTO, afterAwait));

        site.add(takeValue);
        site.add(frameNode(locals, stack));
        frame.loadFrame(site);
        site.add(callWovenCode(RuntimeNames.RESUME_VALUE, RuntimeNames.RESUME_VALUE_DESCRIPTOR));
        site.add(afterAwait);
        if (!frameAfterAwait) {
            site.add(frameNode(locals, stackWithValue));
        }
        method.instructions.insert(point.await(), site);
        method.instructions.remove(point.await());

        LabelNode resume = new LabelNode();
        tail.add(resume);
        int line = MethodContext.lineOf(slowPath);
        if (line >= 0) {
            tail.add(new LineNumberNode(line, resume));
        }
        tail.add(frameNode(List.of(), List.of()));
        for (SlotPlan.Spill local : point.saved().locals()) {
            frame.restoreLocal(tail, local);
        }
        for (SlotPlan.Spill entry : savedStack) {
            frame.pushSaved(tail, entry);
        }
        tail.add(new JumpInsnNode(Opcodes.GOTO, takeValue));
        return resume;
    }

    /**
     * A stack map frame for the body: the frame class in local 0, then {@code locals} of the
     * original method, in {@link FrameTypes.Snapshot} form.
     */
    private FrameNode frameNode(List<Object> locals, List<Object> stack) {
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
    private static boolean frameFollows(AbstractInsnNode node) {
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

    private static MethodInsnNode callWovenCode(String name, String descriptor) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.WOVEN_CODE, name, descriptor, false);
    }
}
