// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;

/**
 * Error: an {@code emit} (an async generator's yield) anywhere but in the body of an async generator,
 * an {@code @Async} method or a lambda returning {@code AsyncGenerator}: a coroutine has no consumer to
 * hand a value to, and a plain method or lambda cannot suspend. Reported at each such {@code emit}, in
 * the weaver's words.
 */
final class EmitOutsideGeneratorCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath emit : sites.emits()) {
            EnclosingBody body = EnclosingBody.of(emit, context);
            boolean inGenerator = switch (body.kind()) {
                case ASYNC_METHOD -> context.jasyncio().isAsyncGenerator(
                        ((ExecutableElement) context.trees().getElement(body.path())).getReturnType());
                case ASYNC_LAMBDA -> context.jasyncio().isAsyncGenerator(context.lambdas().implementedReturnType(body.path()));
                case UNRESOLVED_LAMBDA -> true; // javac reports the lambda; nothing to add
                default -> false;
            };
            if (!inGenerator) {
                context.reporter().error(emit.getLeaf(), Messages.EMIT_OUTSIDE_GENERATOR);
            }
        }
    }
}
