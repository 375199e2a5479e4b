// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Pass (read-only): refuses the {@code @Async} methods that cannot become state machines, with every
 * reason at once: a method that does not return {@code Coroutine}, a constructor or initialiser, an
 * abstract or native method, and an {@code await} while a monitor may be held ({@link MonitorDepth}).
 *
 * <p>Precondition: none. Postcondition: the method is one the later passes can rewrite.
 */
final class RejectUnsupportedAwaitsPass {
    private RejectUnsupportedAwaitsPass() {
    }

    static void run(MethodContext context, List<MethodInsnNode> awaits) throws WeaveException {
        List<WeaveError> errors = new ArrayList<>();
        int access = context.method.access;
        String name = context.method.name;
        if (name.equals("<init>") || name.equals("<clinit>")) {
            errors.add(context.error(null, "a constructor or initialiser cannot be @Async: move the awaits"
                    + " into an @Async method"));
        }
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            errors.add(context.error(null, "an @Async method must have a body: it cannot be abstract or native"));
        }
        String returned = Type.getReturnType(context.method.desc).getDescriptor();
        boolean lambdaReturningAwaitable = ClassWeaver.isAsyncLambda(context.method)
                && returned.equals(RuntimeNames.AWAITABLE_DESCRIPTOR);
        if (!returned.equals(RuntimeNames.COROUTINE_DESCRIPTOR) && !lambdaReturningAwaitable) {
            errors.add(context.error(null, "an @Async method must return io.jasyncio.Coroutine<T>, not "
                    + Type.getReturnType(context.method.desc).getClassName()));
        }
        if (!awaits.isEmpty() && (access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            errors.add(context.error(awaits.get(0), "await inside a synchronized method: a suspended task"
                    + " would hold the monitor while other tasks run on the same thread; use io.jasyncio"
                    + " locks instead"));
        }
        if (!awaits.isEmpty() && (access & Opcodes.ACC_SYNCHRONIZED) == 0) {
            int[] monitors = MonitorDepth.of(context.method);
            for (MethodInsnNode await : awaits) {
                if (monitors[context.method.instructions.indexOf(await)] > 0) {
                    errors.add(context.error(await, "await inside a synchronized block: a suspended task would"
                            + " hold the monitor while other tasks run on the same thread; use io.jasyncio locks"
                            + " instead"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new WeaveException(errors);
        }
    }
}
