// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
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
 * that its exception meets the user's handlers. The emits of an async generator were rewritten by
 * {@link RewriteEmitsPass}, whose resume blocks this pass's dispatch jumps to. Precondition:
 * {@link ShiftLocalsPass} ran, no unconstructed object is live across an await. Postcondition: the
 * method verifies as {@code static Object m(Coroutine, ...)}.
 */
final class BuildStateMachinePass {
    private static final String OBJECT = "java/lang/Object";

    private final ResumeCode code;
    private final FrameAccess frame;
    private final MethodNode method;

    private BuildStateMachinePass(MethodContext context, ResumeCode code) {
        this.code = code;
        this.frame = code.frame();
        this.method = context.method;
    }

    /**
     * Rewrites the awaits among {@code points} and opens the body with the dispatch to every resume
     * block; {@code emitResumes} holds the resume blocks of the emits, by label.
     */
    static void run(MethodContext context, ResumeCode code, SlotPlan.Point entry, List<ResumePoint> points,
            Map<Integer, LabelNode> emitResumes) {
        new BuildStateMachinePass(context, code).build(entry, points, emitResumes);
    }

    private void build(SlotPlan.Point entry, List<ResumePoint> points, Map<Integer, LabelNode> emitResumes) {
        List<LabelNode> resumeLabels = new ArrayList<>();
        for (ResumePoint point : points) {
            resumeLabels.add(point.emits() ? emitResumes.get(point.label()) : rewriteAwait(point));
        }
        InsnList tail = code.tail;
        LabelNode badLabel = new LabelNode();
        tail.add(badLabel);
        tail.add(code.frameNode(List.of(), List.of()));
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
        InsnList dispatch = new InsnList();
        frame.loadFrame(dispatch);
        dispatch.add(new TypeInsnNode(Opcodes.CHECKCAST, frame.frameClass()));
        dispatch.add(new VarInsnNode(Opcodes.ASTORE, FrameAccess.FRAME_LOCAL));
        frame.loadFrame(dispatch);
        dispatch.add(new FieldInsnNode(Opcodes.GETFIELD, frame.frameClass(), RuntimeNames.LABEL_FIELD, "I"));
        LabelNode start = new LabelNode();
        List<LabelNode> targets = new ArrayList<>();
        targets.add(start);
        targets.addAll(resumeLabels);
        dispatch.add(new TableSwitchInsnNode(0, resumeLabels.size(), badLabel, targets.toArray(new LabelNode[0])));
        dispatch.add(start);
        if (!entry.locals().isEmpty() || !ResumeCode.frameFollows(method.instructions.getFirst())) {
            dispatch.add(code.frameNode(List.of(), List.of()));
        }
        for (SlotPlan.Spill argument : entry.locals()) {
            frame.restoreLocal(dispatch, argument);
        }
        return dispatch;
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
        boolean frameAfterAwait = ResumeCode.frameFollows(point.call().getNext());

        InsnList site = new InsnList();
        site.add(new InsnNode(Opcodes.DUP));
        site.add(ResumeCode.callWovenCode(RuntimeNames.IS_DONE, RuntimeNames.IS_DONE_DESCRIPTOR));
        site.add(new JumpInsnNode(Opcodes.IFEQ, slowPath));
        site.add(ResumeCode.callWovenCode(RuntimeNames.DONE_RESULT, RuntimeNames.DONE_RESULT_DESCRIPTOR));
        site.add(new JumpInsnNode(Opcodes.GOTO, afterAwait));

        site.add(slowPath);
        site.add(code.frameNode(locals, stackWithAwaitable));
        code.saveState(site, point);
        frame.loadFrame(site);
        site.add(new VarInsnNode(Opcodes.ALOAD, code.scratchLocal));
        site.add(ResumeCode.callWovenCode(RuntimeNames.SUSPEND, RuntimeNames.SUSPEND_DESCRIPTOR));
        site.add(new InsnNode(Opcodes.DUP));
        site.add(new FieldInsnNode(Opcodes.GETSTATIC, RuntimeNames.WOVEN_CODE, RuntimeNames.SUSPENDED,
                "Ljava/lang/Object;"));
        site.add(new JumpInsnNode(Opcodes.IF_ACMPNE, ranInline));
        site.add(new InsnNode(Opcodes.ARETURN));

        site.add(ranInline);
        site.add(code.frameNode(locals, List.of(OBJECT)));
        site.add(new VarInsnNode(Opcodes.ASTORE, code.scratchLocal));
        for (SlotPlan.Spill local : point.saved().locals()) {
            frame.clearSlot(site, local);
        }
        for (SlotPlan.Spill entry : point.saved().stack()) {
            frame.pushSaved(site, entry);
        }
        site.add(new VarInsnNode(Opcodes.ALOAD, code.scratchLocal));
        site.add(new JumpInsnNode(Opcodes.GOTO, afterAwait));

        site.add(takeValue);
        site.add(code.frameNode(locals, stack));
        frame.loadFrame(site);
        site.add(ResumeCode.callWovenCode(RuntimeNames.RESUME_VALUE, RuntimeNames.RESUME_VALUE_DESCRIPTOR));
        site.add(afterAwait);
        if (!frameAfterAwait) {
            site.add(code.frameNode(locals, stackWithValue));
        }
        method.instructions.insert(point.call(), site);
        method.instructions.remove(point.call());
        return code.appendResumeBlock(point, takeValue, MethodContext.lineOf(slowPath));
    }
}
