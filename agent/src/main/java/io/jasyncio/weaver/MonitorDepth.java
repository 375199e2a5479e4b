// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Analysis: how many monitors a method holds before each instruction, from {@code monitorenter}
 * and {@code monitorexit} along every path, exception edges included. Where paths disagree the
 * larger count wins: the question it answers is whether a monitor may be held. Read-only.
 */
final class MonitorDepth {
    private MonitorDepth() {
    }

    /** The depth before each instruction, indexed as {@code method.instructions}; -1 where unreachable. */
    static int[] of(MethodNode method) {
        InsnList instructions = method.instructions;
        int[] depth = new int[instructions.size()];
        Arrays.fill(depth, -1);
        Deque<Integer> work = new ArrayDeque<>();
        reach(depth, work, 0, 0);
        while (!work.isEmpty()) {
            int index = work.pop();
            AbstractInsnNode instruction = instructions.get(index);
            int after = depth[index] + switch (instruction.getOpcode()) {
                case Opcodes.MONITORENTER -> 1;
                case Opcodes.MONITOREXIT -> -1;
                default -> 0;
            };
            for (TryCatchBlockNode handler : method.tryCatchBlocks) {
                if (covers(instructions, handler, index)) {
                    reach(depth, work, instructions.indexOf(handler.handler), depth[index]);
                }
            }
            if (instruction instanceof JumpInsnNode jump) {
                reach(depth, work, instructions.indexOf(jump.label), after);
            } else if (instruction instanceof TableSwitchInsnNode table) {
                reachAll(depth, work, instructions, table.labels, table.dflt, after);
            } else if (instruction instanceof LookupSwitchInsnNode lookup) {
                reachAll(depth, work, instructions, lookup.labels, lookup.dflt, after);
            }
            if (fallsThrough(instruction) && index + 1 < depth.length) {
                reach(depth, work, index + 1, after);
            }
        }
        return depth;
    }

    private static void reachAll(int[] depth, Deque<Integer> work, InsnList instructions, List<LabelNode> labels,
            LabelNode defaultLabel, int value) {
        for (LabelNode label : labels) {
            reach(depth, work, instructions.indexOf(label), value);
        }
        reach(depth, work, instructions.indexOf(defaultLabel), value);
    }

    private static void reach(int[] depth, Deque<Integer> work, int index, int value) {
        if (value > depth[index]) {
            depth[index] = value;
            work.push(index);
        }
    }

    private static boolean covers(InsnList instructions, TryCatchBlockNode handler, int index) {
        return instructions.indexOf(handler.start) <= index && index < instructions.indexOf(handler.end);
    }

    private static boolean fallsThrough(AbstractInsnNode instruction) {
        int opcode = instruction.getOpcode();
        return opcode != Opcodes.GOTO && opcode != Opcodes.ATHROW && opcode != Opcodes.TABLESWITCH
                && opcode != Opcodes.LOOKUPSWITCH && !(opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN)
                && opcode != Opcodes.RET;
    }
}
