// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Analysis: the calls of {@code Asyncio.await} in a method, which become its resume points, and the
 * calls of {@code Asyncio.result} whose value goes straight to {@code areturn}, which become returns
 * of the value. Read-only.
 */
final class AwaitSites {
    private AwaitSites() {
    }

    /** Whether {@code instruction} is a call of {@code Asyncio.await(Awaitable)} or {@code Asyncio.await(CompletionStage)}. */
    static boolean isAwait(AbstractInsnNode instruction) {
        return isAsyncioCall(instruction, RuntimeNames.AWAIT, RuntimeNames.AWAIT_DESCRIPTOR)
                || isAsyncioCall(instruction, RuntimeNames.AWAIT, RuntimeNames.AWAIT_STAGE_DESCRIPTOR);
    }

    /**
     * Whether {@code instruction} makes a method reference to {@code Asyncio.await}
     * ({@code futures.stream().map(Asyncio::await)}): an {@code invokedynamic} with a handle to it.
     */
    static boolean isAwaitReference(AbstractInsnNode instruction) {
        if (!(instruction instanceof InvokeDynamicInsnNode dynamic)) {
            return false;
        }
        for (Object argument : dynamic.bsmArgs) {
            if (argument instanceof Handle handle && handle.getOwner().equals(RuntimeNames.ASYNCIO)
                    && handle.getName().equals(RuntimeNames.AWAIT)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code instruction} is a call of {@code Asyncio.result(Object)}. */
    static boolean isResult(AbstractInsnNode instruction) {
        return isAsyncioCall(instruction, RuntimeNames.RESULT, RuntimeNames.RESULT_DESCRIPTOR);
    }

    private static boolean isAsyncioCall(AbstractInsnNode instruction, String name, String descriptor) {
        return instruction instanceof MethodInsnNode call
                && call.getOpcode() == Opcodes.INVOKESTATIC
                && call.owner.equals(RuntimeNames.ASYNCIO)
                && call.name.equals(name)
                && call.desc.equals(descriptor);
    }

    /**
     * The {@code result(value)} calls whose value reaches {@code areturn} with no instruction in
     * between but jumps: {@code return result(v);} and {@code return c ? result(a) : result(b);}. A
     * call whose value is stored first (a return inside try/finally) stays a plain call.
     */
    static List<MethodInsnNode> returnedResults(MethodNode method) {
        List<MethodInsnNode> results = new ArrayList<>();
        for (AbstractInsnNode instruction : method.instructions) {
            if (isResult(instruction) && flowsToReturn(instruction.getNext())) {
                results.add((MethodInsnNode) instruction);
            }
        }
        return results;
    }

    private static boolean flowsToReturn(AbstractInsnNode start) {
        Set<AbstractInsnNode> visited = new HashSet<>();
        AbstractInsnNode node = start;
        while (node != null && visited.add(node)) {
            if (node.getOpcode() == Opcodes.ARETURN) {
                return true;
            }
            if (node.getOpcode() == Opcodes.GOTO) {
                node = ((JumpInsnNode) node).label;
            } else if (node.getOpcode() >= 0) {
                return false;
            } else {
                node = node.getNext();
            }
        }
        return false;
    }
}
