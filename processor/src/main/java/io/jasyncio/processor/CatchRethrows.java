// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import javax.lang.model.element.Element;

/**
 * Whether a {@code catch} block passes a cancellation on: it has a {@code throw} of the caught
 * variable ({@code catch (Throwable t) { cleanUp(); throw t; }}, also under an {@code if}), or of an
 * expression that is a {@code CancelledError} ({@code if (t instanceof CancelledError c) throw c;}).
 * A {@code throw} inside a lambda or a class declared in the block does not count: it is not thrown
 * by the block.
 */
final class CatchRethrows extends TreePathScanner<Boolean, Void> {
    private final CheckContext context;
    private final Element caught;

    private CatchRethrows(CheckContext context, Element caught) {
        this.context = context;
        this.caught = caught;
    }

    /** Whether the {@code catch} clause at {@code handler} rethrows what it caught, or a {@code CancelledError}. */
    static boolean cancellation(TreePath handler, CheckContext context) {
        CatchTree clause = (CatchTree) handler.getLeaf();
        Element caught = context.trees().getElement(new TreePath(handler, clause.getParameter()));
        TreePath block = new TreePath(handler, clause.getBlock());
        return Boolean.TRUE.equals(new CatchRethrows(context, caught).scan(block, null));
    }

    @Override
    public Boolean visitThrow(ThrowTree throwTree, Void unused) {
        TreePath thrown = new TreePath(getCurrentPath(), throwTree.getExpression());
        return caught.equals(context.trees().getElement(thrown))
                || context.jasyncio().isCancelledError(context.trees().getTypeMirror(thrown));
    }

    @Override
    public Boolean visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return false;
    }

    @Override
    public Boolean visitClass(ClassTree classTree, Void unused) {
        return false;
    }

    @Override
    public Boolean reduce(Boolean first, Boolean second) {
        return Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second);
    }
}
