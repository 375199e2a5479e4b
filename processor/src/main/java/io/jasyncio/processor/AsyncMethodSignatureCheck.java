// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Error: an {@code @Async} method that the weaver cannot turn into a coroutine, because it does not
 * return {@code Coroutine} or {@code AsyncGenerator} (reported at the return type) or has no body to weave, being abstract or
 * native (reported at the method).
 */
final class AsyncMethodSignatureCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath path : sites.asyncMethods()) {
            MethodTree method = (MethodTree) path.getLeaf();
            ExecutableElement element = (ExecutableElement) context.trees().getElement(path);
            Set<Modifier> modifiers = element.getModifiers();
            if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
                context.reporter().error(method, Messages.ASYNC_WITHOUT_BODY);
            }
            TypeMirror returnType = element.getReturnType();
            if (!context.jasyncio().isCoroutine(returnType) && !context.jasyncio().isAsyncGenerator(returnType)) {
                // The erasure, as the weaver names the type it finds in the method's descriptor.
                String erased = context.types().erasure(returnType).toString();
                context.reporter().error(method.getReturnType(), Messages.asyncReturnType(erased));
            }
        }
    }
}
