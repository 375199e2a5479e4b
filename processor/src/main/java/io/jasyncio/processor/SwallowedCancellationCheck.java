// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;

/**
 * Warning: a {@code catch (Throwable t)} or {@code catch (Error e)} (any supertype of
 * {@code CancelledError}) around an {@code await} that keeps the cancellation instead of rethrowing
 * it, so the task carries on as if it had not been cancelled. Python's {@code except BaseException}
 * has the same trap.
 *
 * <p>The cancellation is followed from the {@code await} outwards, up to its body, through each
 * {@code try} whose block or resources hold it: the first clause of that {@code try} that catches a
 * {@code CancelledError} either rethrows it ({@link CatchRethrows}), and the cancellation goes on
 * outwards, or keeps it. A clause that keeps it gets the warning, at the caught type, once however
 * many awaits it guards; unless it names {@code CancelledError} itself, which is handling
 * cancellation on purpose.
 */
final class SwallowedCancellationCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        Set<Tree> reported = new HashSet<>();
        for (TreePath await : sites.awaits()) {
            TreePath handler = clauseThatKeepsCancellation(await, context);
            if (handler != null && !namesCancelledError(handler, context) && reported.add(handler.getLeaf())) {
                CatchTree clause = (CatchTree) handler.getLeaf();
                Tree caughtType = clause.getParameter().getType();
                String variable = clause.getParameter().getName().toString();
                context.reporter().warning(caughtType, Messages.cancellationSwallowed(caughtType.toString(), variable));
            }
        }
    }

    /**
     * The catch clause that keeps a {@code CancelledError} thrown at {@code await}, past the clauses
     * that rethrow it; {@code null} if it leaves the body.
     */
    private static TreePath clauseThatKeepsCancellation(TreePath await, CheckContext context) {
        for (EnclosingBody.Step step : EnclosingBody.of(await, context).stepsOutFrom(await)) {
            if (step.enclosing().getLeaf() instanceof TryTree tryTree && isGuarded(tryTree, step.child())) {
                TreePath handler = clauseThatCatchesCancellation(step.enclosing(), context);
                if (handler != null && !CatchRethrows.cancellation(handler, context)) {
                    return handler;
                }
            }
        }
        return null;
    }

    /** The first clause of the {@code try} at {@code tryPath} that a {@code CancelledError} enters, or {@code null}. */
    private static TreePath clauseThatCatchesCancellation(TreePath tryPath, CheckContext context) {
        for (CatchTree clause : ((TryTree) tryPath.getLeaf()).getCatches()) {
            TreePath handler = new TreePath(tryPath, clause);
            if (caughtTypes(handler, context).stream().anyMatch(context.jasyncio()::catchesCancelledError)) {
                return handler;
            }
        }
        return null;
    }

    /** Whether an exception thrown in {@code child} of {@code tryTree} reaches its catch clauses. */
    private static boolean isGuarded(TryTree tryTree, Tree child) {
        return child == tryTree.getBlock() || tryTree.getResources().contains(child);
    }

    /** Whether the clause names {@code CancelledError} itself: whatever it does with it, it does on purpose. */
    private static boolean namesCancelledError(TreePath handler, CheckContext context) {
        return caughtTypes(handler, context).stream().anyMatch(caught ->
                context.jasyncio().catchesCancelledError(caught) && context.jasyncio().isCancelledError(caught));
    }

    /** The types a clause catches: its one type, or each alternative of a multi-catch. */
    private static List<? extends TypeMirror> caughtTypes(TreePath handler, CheckContext context) {
        TreePath parameter = new TreePath(handler, ((CatchTree) handler.getLeaf()).getParameter());
        TypeMirror type = context.trees().getTypeMirror(parameter);
        return type instanceof UnionType union ? union.getAlternatives() : List.of(type);
    }
}
