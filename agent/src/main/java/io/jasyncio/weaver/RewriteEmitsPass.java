// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass: turns each {@code emit(value)} of an async generator into a resume point, as
 * {@link BuildStateMachinePass} turns an await into one, with the same frame slots and the same
 * resume blocks. An emit always suspends: the generator's step takes the value, and the next step
 * resumes the body there with what it sends.
 *
 * <pre>
 * before:  load value; invokestatic AsyncGenerator.emit(Object)Object; ...
 * after:   load value; store scratch; save stack and locals in the frame; frame.label = k;
 *          return WovenCode.emit(frame, scratch);              // the step takes the value
 *        take_k:                                               // back inside the user's try blocks
 *          WovenCode.sentValue(frame); ...                     // asend's value, or athrow's and
 *                                                              // aclose's exception thrown here
 *        resume_k (in the tail, outside every try block): restore; goto take_k
 * </pre>
 *
 * Precondition: {@link ShiftLocalsPass} ran, no unconstructed object is live across an emit.
 * Postcondition: no emit call is left; the resume blocks of the emits are in the tail, by label, for
 * {@link BuildStateMachinePass}'s dispatch.
 */
final class RewriteEmitsPass {
    private RewriteEmitsPass() {
    }

    /** Rewrites the emits among {@code points}; returns their resume blocks, by label. */
    static Map<Integer, LabelNode> run(MethodContext context, ResumeCode code, List<ResumePoint> points) {
        Map<Integer, LabelNode> resumes = new HashMap<>();
        for (ResumePoint point : points) {
            if (point.emits()) {
                resumes.put(point.label(), rewrite(context, code, point));
            }
        }
        return resumes;
    }

    private static LabelNode rewrite(MethodContext context, ResumeCode code, ResumePoint point) {
        List<Object> stackWithValue = point.types().stack();
        List<Object> stack = stackWithValue.subList(0, stackWithValue.size() - 1);
        FrameAccess frame = code.frame();
        LabelNode site = new LabelNode();
        LabelNode takeValue = new LabelNode();

        InsnList rewritten = new InsnList();
        rewritten.add(site);
        code.saveState(rewritten, point);
        frame.loadFrame(rewritten);
        rewritten.add(new VarInsnNode(Opcodes.ALOAD, code.scratchLocal));
        rewritten.add(ResumeCode.callWovenCode(RuntimeNames.EMIT_VALUE, RuntimeNames.EMIT_VALUE_DESCRIPTOR));
        rewritten.add(new InsnNode(Opcodes.ARETURN));
        rewritten.add(takeValue);
        rewritten.add(code.frameNode(point.types().locals(), stack));
        frame.loadFrame(rewritten);
        rewritten.add(ResumeCode.callWovenCode(RuntimeNames.SENT_VALUE, RuntimeNames.SENT_VALUE_DESCRIPTOR));
        context.method.instructions.insert(point.call(), rewritten);
        context.method.instructions.remove(point.call());
        return code.appendResumeBlock(point, takeValue, MethodContext.lineOf(site));
    }
}
