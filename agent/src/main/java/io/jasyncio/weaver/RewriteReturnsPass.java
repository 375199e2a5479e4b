// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass: turns {@code return result(value)} into a return of the value through the frame, so that
 * ending a coroutine allocates nothing. The returned frame is still a {@code Coroutine}, so stack
 * map frames that merge returns keep their types.
 *
 * <pre>
 * before:  load value; invokestatic Asyncio.result(Object); areturn
 * after:   load value; aload 0; invokestatic WovenCode.returnValue(Object, Object); areturn
 * </pre>
 *
 * Precondition: {@link ShiftLocalsPass} ran (the frame is local 0). Postcondition: the listed calls
 * are gone; other {@code result} calls stay and allocate a completed coroutine, which the runtime
 * returns through as it would any other returned coroutine.
 */
final class RewriteReturnsPass {
    private RewriteReturnsPass() {
    }

    static void run(MethodNode method, List<MethodInsnNode> returnedResults) {
        for (MethodInsnNode result : returnedResults) {
            method.instructions.insertBefore(result, new VarInsnNode(Opcodes.ALOAD, FrameAccess.FRAME_LOCAL));
            method.instructions.set(result, new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.WOVEN_CODE,
                    RuntimeNames.RETURN_VALUE, RuntimeNames.RETURN_VALUE_DESCRIPTOR, false));
        }
    }
}
