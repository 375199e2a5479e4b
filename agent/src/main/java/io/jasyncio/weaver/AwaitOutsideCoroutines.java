// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Check: an {@code await} in a method that is not woven, neither {@code @Async} nor an async lambda,
 * could only block or fail, so the method is refused at weave time with the line of its first await.
 */
final class AwaitOutsideCoroutines {
    private AwaitOutsideCoroutines() {
    }

    /** The error for the method's first await, or nothing if it has none. */
    static List<WeaveError> errors(MethodContext context) {
        for (AbstractInsnNode instruction : context.method.instructions) {
            if (AwaitSites.isAwait(instruction)) {
                return List.of(context.error(instruction, message(context.method.name)));
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
