// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass (read-only): refuses the {@code @Async} methods and async lambdas that cannot become state
 * machines, with every reason at once: a class file older than version 51, which cannot hold the
 * {@code invokedynamic} of the woven method; JSR/RET subroutines, which the frame analysis cannot
 * follow; a method that does not return {@code Coroutine}, a constructor or initialiser, an abstract or
 * native method; a {@code synchronized} method, whose body as a coroutine never runs inside the
 * caller's monitor; an {@code await} (or {@code emit}) while a monitor may be held ({@link MonitorDepth});
 * and an {@code emit} in a method that is no async generator ({@link EmitSites#misplaced}).
 *
 * <p>Precondition: none. Postcondition: the method is one the later passes can rewrite.
 */
final class RejectUnsupportedAwaitsPass {
    private RejectUnsupportedAwaitsPass() {
    }

    static void run(MethodContext context, List<MethodInsnNode> awaits) throws WeaveException {
        List<WeaveError> errors = new ArrayList<>(EmitSites.misplaced(context));
        int access = context.method.access;
        String name = context.method.name;
        int version = context.owner.version & 0xFFFF;
        boolean tooOld = version < Opcodes.V1_7;
        if (tooOld) {
            errors.add(context.error(null, "the class file of " + context.owner.name.replace('/', '.')
                    + " has version " + version + " (Java " + javaRelease(version) + "), older than 51 (Java 7),"
                    + " the first that can hold the invokedynamic a woven @Async method starts with: compile it"
                    + " for Java 8 or later"));
        }
        boolean subroutines = usesSubroutines(context.method);
        if (subroutines && !tooOld) { // in a class file as old, the version says it all
            errors.add(context.error(null, "JSR/RET subroutines (a finally block as compilers for Java 6 and"
                    + " older wrote it) cannot be woven: compile the class for Java 8 or later"));
        }
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
        if (!returned.equals(RuntimeNames.COROUTINE_DESCRIPTOR) && !lambdaReturningAwaitable
                && !returned.equals(RuntimeNames.ASYNC_GENERATOR_DESCRIPTOR)) {
            errors.add(context.error(null, "an @Async method must return io.jasyncio.Coroutine<T>, not "
                    + Type.getReturnType(context.method.desc).getClassName()));
        }
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            errors.add(context.error(null, SYNCHRONIZED_COROUTINE));
        }
        if (!awaits.isEmpty() && !subroutines) {
            int[] monitors = MonitorDepth.of(context.method);
            for (MethodInsnNode await : awaits) {
                if (monitors[context.method.instructions.indexOf(await)] > 0) {
                    errors.add(context.error(await, (EmitSites.isEmit(await) ? "emit" : "await")
                            + " inside a synchronized block: a suspended task would"
                            + " hold the monitor while other tasks run on the same thread; use io.jasyncio locks"
                            + " instead"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new WeaveException(errors);
        }
    }

    /** Why {@code synchronized} is refused on every coroutine, with an await or not. */
    static final String SYNCHRONIZED_COROUTINE = "a synchronized @Async method: a coroutine body never runs"
            + " inside the caller's monitor, since the call only creates the coroutine and its body runs later, in"
            + " the steps of a task; use io.jasyncio locks instead";

    /** {@code 5} for class file version 49, {@code 1.4} for 48. */
    private static String javaRelease(int version) {
        return version >= Opcodes.V1_5 ? Integer.toString(version - 44) : "1." + (version - 44);
    }

    private static boolean usesSubroutines(MethodNode method) {
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction.getOpcode() == Opcodes.JSR || instruction.getOpcode() == Opcodes.RET) {
                return true;
            }
        }
        return false;
    }
}
