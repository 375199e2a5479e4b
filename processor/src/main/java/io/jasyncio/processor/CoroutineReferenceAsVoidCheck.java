// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Warning: a method reference to a method that returns a {@code Coroutine}, given where a functional
 * interface whose method returns {@code void} is expected, as {@code loop.callSoon(this::work)}:
 * whoever calls the interface throws the coroutine away, so it never runs. The lambda
 * {@code () -> work()} in that place is {@link DiscardedCoroutineCheck}'s discarded call.
 */
final class CoroutineReferenceAsVoidCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath reference : sites.methodReferences()) {
            if (!(context.trees().getElement(reference) instanceof ExecutableElement method)
                    || method.getKind() != ElementKind.METHOD
                    || !context.jasyncio().isCoroutineValue(method.getReturnType())) {
                continue;
            }
            TypeMirror implemented = context.lambdas().implementedReturnType(reference);
            if (implemented != null && implemented.getKind() == TypeKind.VOID) {
                MemberReferenceTree tree = (MemberReferenceTree) reference.getLeaf();
                context.reporter().warning(tree, Messages.coroutineReferenceAsVoid(tree.toString(),
                        method.getSimpleName().toString()));
            }
        }
    }
}
