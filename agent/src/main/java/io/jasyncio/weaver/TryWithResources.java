// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Analysis: the {@code close()} calls that javac 11 to 25 writes for each try-with-resources, told
 * apart from a {@code close()} that the user wrote by the shape around them. Read-only.
 *
 * <p>For {@code try (R r = open()) { body }} javac writes the body, covered by a handler of
 * {@code Throwable}; a copy of the close at each normal exit of the body (its end, each
 * {@code return}, {@code break} or {@code continue} that leaves it), outside the handler's ranges;
 * and the handler itself, whose close is covered by a second handler that adds what it throws to
 * the primary exception as suppressed:
 *
 * <pre>
 *     astore r; body...; aload r; [ifnull end;] aload r; invoke R.close()V; ...    normal exits
 * H:  astore t; aload r; [ifnull Y;] aload r; invoke R.close()V; goto Y             exceptional exit
 * H2: astore t2; aload t; aload t2; invokevirtual Throwable.addSuppressed(Throwable)V
 * Y:  aload t; athrow
 * </pre>
 *
 * The null checks are left out when the resource is a {@code new} expression. javac 17 and 25 write
 * the same shape (with {@code --release} 17 to 25); javac 9 and 10 called a synthetic
 * {@code $closeResource} instead, which is not recognised. The handler is what identifies a
 * try-with-resources: where the body is empty javac writes none, and its close looks like the user's
 * {@code if (r != null) r.close()}, so it is not recognised either. The closes at the normal exits
 * are the calls of the same method on {@code aload r} between the start of the body and the handler
 * that lie outside the body's ranges: the user's own {@code r.close()} inside the body lies within
 * them, and a variable that reuses the slot of {@code r} comes after the handler.
 */
final class TryWithResources {
    private TryWithResources() {
    }

    /**
     * One try-with-resources statement.
     *
     * @param exceptionalClose the close in the handler
     * @param normalCloses the closes at the normal exits of the body
     * @param addSuppressed the call that adds the exceptional close's failure to the primary exception
     */
    record Statement(MethodInsnNode exceptionalClose, List<MethodInsnNode> normalCloses, MethodInsnNode addSuppressed) {
        /** The class or interface whose {@code close()} javac calls, the resource's static type, as an internal name. */
        String resourceType() {
            return exceptionalClose.owner;
        }
    }

    /** The try-with-resources statements of {@code method} that javac wrote, in the order of their handlers. */
    static List<Statement> of(MethodNode method) {
        Map<LabelNode, List<TryCatchBlockNode>> bodiesByHandler = new LinkedHashMap<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if ("java/lang/Throwable".equals(block.type)) {
                bodiesByHandler.computeIfAbsent(block.handler, handler -> new ArrayList<>()).add(block);
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (Map.Entry<LabelNode, List<TryCatchBlockNode>> handler : bodiesByHandler.entrySet()) {
            Statement statement = match(method, handler.getKey(), handler.getValue());
            if (statement != null) {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** The statement whose exceptional exit starts at {@code handler}, or {@code null} if the shape is not javac's. */
    private static Statement match(MethodNode method, LabelNode handler, List<TryCatchBlockNode> body) {
        AbstractInsnNode storePrimary = next(handler);
        if (!isVar(storePrimary, Opcodes.ASTORE)) {
            return null;
        }
        int primary = ((VarInsnNode) storePrimary).var;
        AbstractInsnNode loadResource = next(storePrimary);
        if (!isVar(loadResource, Opcodes.ALOAD)) {
            return null;
        }
        int resource = ((VarInsnNode) loadResource).var;
        MethodInsnNode close = closeAfterLoad(loadResource, resource);
        if (close == null || next(close) == null || next(close).getOpcode() != Opcodes.GOTO) {
            return null;
        }
        AbstractInsnNode rethrow = next(((JumpInsnNode) next(close)).label);
        if (!isVar(rethrow, Opcodes.ALOAD) || ((VarInsnNode) rethrow).var != primary
                || next(rethrow) == null || next(rethrow).getOpcode() != Opcodes.ATHROW) {
            return null;
        }
        MethodInsnNode addSuppressed = suppressingHandler(method, close, primary);
        if (addSuppressed == null) {
            return null;
        }
        return new Statement(close, normalCloses(method, body, handler, resource, close), addSuppressed);
    }

    /** After {@code aload r}: {@code [ifnull L; aload r;] invoke close()V}, or {@code null}. */
    private static MethodInsnNode closeAfterLoad(AbstractInsnNode loadResource, int resource) {
        AbstractInsnNode call = next(loadResource);
        if (call != null && call.getOpcode() == Opcodes.IFNULL) {
            AbstractInsnNode again = next(call);
            if (!isVar(again, Opcodes.ALOAD) || ((VarInsnNode) again).var != resource) {
                return null;
            }
            call = next(again);
        }
        return isClose(call) ? (MethodInsnNode) call : null;
    }

    /** The {@code addSuppressed} of the handler that covers {@code close}, if its shape is javac's. */
    private static MethodInsnNode suppressingHandler(MethodNode method, MethodInsnNode close, int primary) {
        InsnList instructions = method.instructions;
        int at = instructions.indexOf(close);
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (!"java/lang/Throwable".equals(block.type) || !covers(instructions, block, at)) {
                continue;
            }
            AbstractInsnNode storeFailure = next(block.handler);
            AbstractInsnNode loadPrimary = next(storeFailure);
            AbstractInsnNode loadFailure = next(loadPrimary);
            AbstractInsnNode call = next(loadFailure);
            if (isVar(storeFailure, Opcodes.ASTORE) && isVar(loadPrimary, Opcodes.ALOAD)
                    && ((VarInsnNode) loadPrimary).var == primary && isVar(loadFailure, Opcodes.ALOAD)
                    && ((VarInsnNode) loadFailure).var == ((VarInsnNode) storeFailure).var
                    && call instanceof MethodInsnNode suppress && suppress.getOpcode() == Opcodes.INVOKEVIRTUAL
                    && suppress.owner.equals("java/lang/Throwable") && suppress.name.equals("addSuppressed")
                    && suppress.desc.equals("(Ljava/lang/Throwable;)V")) {
                return suppress;
            }
        }
        return null;
    }

    /** The closes of {@code resource} between the body's start and {@code handler}, outside the body's ranges. */
    private static List<MethodInsnNode> normalCloses(MethodNode method, List<TryCatchBlockNode> body, LabelNode handler,
            int resource, MethodInsnNode exceptionalClose) {
        InsnList instructions = method.instructions;
        int start = Integer.MAX_VALUE;
        for (TryCatchBlockNode range : body) {
            start = Math.min(start, instructions.indexOf(range.start));
        }
        List<MethodInsnNode> closes = new ArrayList<>();
        for (int index = start; index < instructions.indexOf(handler); index++) {
            AbstractInsnNode instruction = instructions.get(index);
            if (sameCall(instruction, exceptionalClose) && isVar(previous(instruction), Opcodes.ALOAD)
                    && ((VarInsnNode) previous(instruction)).var == resource && !inAny(instructions, body, index)) {
                closes.add((MethodInsnNode) instruction);
            }
        }
        return closes;
    }

    private static boolean inAny(InsnList instructions, List<TryCatchBlockNode> blocks, int index) {
        for (TryCatchBlockNode block : blocks) {
            if (covers(instructions, block, index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(InsnList instructions, TryCatchBlockNode block, int index) {
        return instructions.indexOf(block.start) <= index && index < instructions.indexOf(block.end);
    }

    private static boolean isClose(AbstractInsnNode instruction) {
        return instruction instanceof MethodInsnNode call
                && (call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE)
                && call.name.equals("close") && call.desc.equals("()V");
    }

    private static boolean sameCall(AbstractInsnNode instruction, MethodInsnNode call) {
        return instruction instanceof MethodInsnNode other && other.getOpcode() == call.getOpcode()
                && other.owner.equals(call.owner) && other.name.equals(call.name) && other.desc.equals(call.desc);
    }

    private static boolean isVar(AbstractInsnNode instruction, int opcode) {
        return instruction instanceof VarInsnNode && instruction.getOpcode() == opcode;
    }

    /** The next real instruction after {@code node}, past labels, line numbers and frames. */
    private static AbstractInsnNode next(AbstractInsnNode node) {
        AbstractInsnNode next = node == null ? null : node.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    /** The real instruction before {@code node}, past labels, line numbers and frames. */
    private static AbstractInsnNode previous(AbstractInsnNode node) {
        AbstractInsnNode previous = node.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous;
    }
}
