// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Check: an {@code await} in a method that is not woven, neither {@code @Async} nor an async lambda,
 * could only fail, so the method is refused at weave time with the line of its first await. So is a
 * method reference to {@code await} anywhere: it runs in whatever calls the functional interface. So
 * is an {@code emit} there ({@link EmitSites#misplaced}).
 */
final class AwaitOutsideCoroutines {
    private AwaitOutsideCoroutines() {
    }

    /** The text of the error for a method reference to {@code await}, the processor's as well. */
    static final String AWAIT_REFERENCE = "await as a method reference: the reference calls await from"
            + " whatever method calls the functional interface, outside any coroutine, where it cannot suspend;"
            + " call await(x) in an @Async method or an async lambda instead (a for loop instead of map)";

    /** The error for the first await or method reference to it in a method that is not woven, or nothing. */
    static List<WeaveError> errors(MethodContext context) {
        for (AbstractInsnNode instruction : context.method.instructions) {
            if (AwaitSites.isAwait(instruction)) {
                return List.of(context.error(instruction, message(context.method.name)));
            }
            if (AwaitSites.isAwaitReference(instruction)) {
                return List.of(context.error(instruction, AWAIT_REFERENCE));
            }
        }
        return EmitSites.misplaced(context);
    }

    /**
     * The error for the first method reference to {@code await} in a method that is woven: its awaits
     * suspend the coroutine, but the reference's would run in whatever calls it.
     */
    static List<WeaveError> referenceErrors(MethodContext context) {
        for (AbstractInsnNode instruction : context.method.instructions) {
            if (AwaitSites.isAwaitReference(instruction)) {
                return List.of(context.error(instruction, AWAIT_REFERENCE));
            }
        }
        return List.of();
    }

    private static String message(String methodName) {
        if (methodName.equals("<init>")) {
            return "await in a constructor: a constructor cannot suspend; create the object, then await in an"
                    + " @Async method";
        }
        if (methodName.equals("<clinit>")) {
            return "await in a static initialiser: class initialisation cannot suspend; await in an @Async"
                    + " method instead";
        }
        return "await in a method that is neither @Async nor a lambda returning Coroutine: annotate it with"
                + " @io.jasyncio.annotations.Async and make it return io.jasyncio.Coroutine<T>";
    }
}
