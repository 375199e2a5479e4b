// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass: moves {@code new X; dup} after the constructor's arguments when an await happens while they
 * are evaluated, as in {@code new X(a, await(b))}, because an object whose constructor has not run
 * cannot be saved in a frame. The arguments are stored in fresh locals, then the object is created
 * and the arguments pushed again:
 *
 * <pre>
 * before:  new X; dup; load a; [await b]; invokespecial X.&lt;init&gt;(A, B)
 * after:   load a; [await b]; store t2; store t1; new X; dup; load t1; load t2; invokespecial X.&lt;init&gt;(A, B)
 * </pre>
 *
 * Stack map frames between the two points lose their two entries for the unconstructed object.
 * Class initialisation of {@code X} therefore happens after the arguments are evaluated, as in
 * Kotlin's coroutines. Precondition: frames expanded. Postcondition: no await has an unconstructed
 * object on its operand stack.
 */
final class HoistNewAcrossAwaitsPass {
    private HoistNewAcrossAwaitsPass() {
    }

    static void run(MethodContext context) throws WeaveException {
        String owner = context.owner.name;
        var method = context.method;
        // One replay for everything: an object created by a new with no label before it is named by
        // a label that each replay makes afresh.
        Map<AbstractInsnNode, FrameTypes.Snapshot> snapshots = FrameTypes.before(owner, method,
                instruction -> AwaitSites.isAwait(instruction) || isConstructorCall(instruction)
                        || follows(instruction, Opcodes.NEW));
        Set<Label> liveAcrossAwaits = new LinkedHashSet<>();
        for (Map.Entry<AbstractInsnNode, FrameTypes.Snapshot> entry : snapshots.entrySet()) {
            if (entry.getValue() != null && AwaitSites.isAwait(entry.getKey())) {
                for (Object type : entry.getValue().stack()) {
                    if (type instanceof Label unconstructed) {
                        liveAcrossAwaits.add(unconstructed);
                    }
                }
            }
        }
        if (liveAcrossAwaits.isEmpty()) {
            return;
        }
        Map<Label, TypeInsnNode> creations = new IdentityHashMap<>();
        Map<Label, MethodInsnNode> constructions = new IdentityHashMap<>();
        Map<Label, List<Object>> argumentTypes = new IdentityHashMap<>();
        for (Map.Entry<AbstractInsnNode, FrameTypes.Snapshot> entry : snapshots.entrySet()) {
            FrameTypes.Snapshot snapshot = entry.getValue();
            if (snapshot == null || AwaitSites.isAwait(entry.getKey())) {
                continue;
            }
            List<Object> stack = snapshot.stack();
            if (isConstructorCall(entry.getKey())) {
                MethodInsnNode call = (MethodInsnNode) entry.getKey();
                int receiver = stack.size() - (Type.getArgumentsAndReturnSizes(call.desc) >> 2);
                if (stack.get(receiver) instanceof Label unconstructed) {
                    constructions.put(unconstructed, call);
                    argumentTypes.put(unconstructed, stack.subList(receiver + 1, stack.size()));
                }
            } else {
                creations.put((Label) stack.get(stack.size() - 1), (TypeInsnNode) entry.getKey().getPrevious());
            }
        }
        for (Label unconstructed : liveAcrossAwaits) {
            TypeInsnNode creation = creations.get(unconstructed);
            MethodInsnNode construction = constructions.get(unconstructed);
            if (creation == null || construction == null || creation.getNext().getOpcode() != Opcodes.DUP) {
                throw context.failure(creation, "unsupported shape of object creation around an await:"
                        + " assign the awaited value to a local variable first");
            }
            hoist(context, creation, construction, argumentTypes.get(unconstructed), unconstructed);
        }
    }

    private static void hoist(MethodContext context, TypeInsnNode creation, MethodInsnNode construction,
            List<Object> arguments, Label unconstructed) {
        InsnList instructions = context.method.instructions;
        for (AbstractInsnNode node = creation.getNext(); node != construction; node = node.getNext()) {
            if (node instanceof FrameNode frame && frame.stack != null) {
                frame.stack.removeIf(type -> type instanceof LabelNode label && label.getLabel() == unconstructed);
            }
        }
        instructions.remove(creation.getNext());
        instructions.remove(creation);

        List<SlotSort> sorts = new ArrayList<>();
        List<Integer> locals = new ArrayList<>();
        for (int index = 0; index < arguments.size(); index++) {
            Object type = arguments.get(index);
            SlotSort sort = SlotSort.of(type);
            sorts.add(sort);
            locals.add(context.method.maxLocals);
            context.method.maxLocals += sort.isWide() ? 2 : 1;
            if (sort.isWide()) {
                index++;
            }
        }
        InsnList recreate = new InsnList();
        for (int argument = sorts.size() - 1; argument >= 0; argument--) {
            recreate.add(new VarInsnNode(sorts.get(argument).storeOpcode, locals.get(argument)));
        }
        recreate.add(new TypeInsnNode(Opcodes.NEW, creation.desc));
        recreate.add(new InsnNode(Opcodes.DUP));
        for (int argument = 0; argument < sorts.size(); argument++) {
            recreate.add(new VarInsnNode(sorts.get(argument).loadOpcode, locals.get(argument)));
        }
        instructions.insertBefore(construction, recreate);
    }

    private static boolean isConstructorCall(AbstractInsnNode instruction) {
        return instruction instanceof MethodInsnNode call
                && call.getOpcode() == Opcodes.INVOKESPECIAL && call.name.equals("<init>");
    }

    private static boolean follows(AbstractInsnNode instruction, int opcode) {
        return instruction.getPrevious() != null && instruction.getPrevious().getOpcode() == opcode;
    }
}
