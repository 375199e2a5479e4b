// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Analysis: the types of the locals and of the operand stack before chosen instructions, as the
 * JVM's verifier sees them. It replays the method through ASM's {@link AnalyzerAdapter}, which starts
 * from the method's own stack map frames, so no class is ever loaded to compute a common superclass.
 * The method must have been read with {@code ClassReader.EXPAND_FRAMES}. Read-only.
 */
final class FrameTypes {
    private FrameTypes() {
    }

    /**
     * The verifier's types at one instruction, in {@link AnalyzerAdapter}'s form: {@link Opcodes#INTEGER}
     * and the other primitive constants, {@link Opcodes#NULL}, an internal class name, or a label for
     * an object not yet constructed. A {@code long} or {@code double} takes two entries, the second
     * {@link Opcodes#TOP}, as it takes two slots.
     */
    record Snapshot(List<Object> locals, List<Object> stack) {
        /** The stack without its top {@code count} entries. */
        Snapshot withoutTop(int count) {
            return new Snapshot(locals, stack.subList(0, stack.size() - count));
        }
    }

    /**
     * The snapshot before each instruction that {@code wanted} selects; an unreachable instruction,
     * where the verifier has no types, maps to {@code null}.
     */
    static Map<AbstractInsnNode, Snapshot> before(String owner, MethodNode method, Predicate<AbstractInsnNode> wanted) {
        Map<AbstractInsnNode, Snapshot> snapshots = new IdentityHashMap<>();
        AnalyzerAdapter analyzer = new AnalyzerAdapter(owner, method.access, method.name, method.desc, null);
        for (AbstractInsnNode instruction : method.instructions) {
            if (wanted.test(instruction)) {
                snapshots.put(instruction, analyzer.locals == null ? null
                        : new Snapshot(new ArrayList<>(analyzer.locals), new ArrayList<>(analyzer.stack)));
            }
            instruction.accept(analyzer);
        }
        return snapshots;
    }

    /** Whether {@code type} takes two slots. */
    static boolean isWide(Object type) {
        return type == Opcodes.LONG || type == Opcodes.DOUBLE;
    }

    /**
     * {@code types} in the form of a stack map frame ({@code FrameNode}): one entry per value, a wide
     * value once, trailing {@link Opcodes#TOP}s dropped from locals.
     */
    static List<Object> toFrameForm(List<Object> types, boolean trimTrailingTops) {
        List<Object> frameForm = new ArrayList<>(types.size());
        for (int index = 0; index < types.size(); index++) {
            Object type = types.get(index);
            frameForm.add(type);
            if (isWide(type)) {
                index++;
            }
        }
        if (trimTrailingTops) {
            while (!frameForm.isEmpty() && frameForm.get(frameForm.size() - 1) == Opcodes.TOP) {
                frameForm.remove(frameForm.size() - 1);
            }
        }
        return frameForm;
    }
}
