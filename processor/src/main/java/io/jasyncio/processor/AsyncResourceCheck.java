// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import javax.lang.model.type.TypeMirror;

/**
 * Error: a try-with-resources of an {@code AsyncCloseable} whose close the weaver cannot make an
 * await of {@code aclose()} (see {@code AwaitResourceClosesPass} in {@code agent/WEAVING.md}): in a
 * body that is not woven, when the resource's {@code close()} is the interface's own, which throws
 * (a {@code Server} or {@code StreamWriter} closes without waiting there, as its {@code close()}
 * does); inside a {@code synchronized} block of a coroutine, where no await may be; and with an empty
 * body, whose close javac writes without the handler the weaver recognises.
 */
final class AsyncResourceCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath tryPath : sites.tryResources()) {
            TryTree statement = (TryTree) tryPath.getLeaf();
            for (Tree resource : statement.getResources()) {
                String message = problem(tryPath, new TreePath(tryPath, resource), context);
                if (message != null) {
                    context.reporter().error(resource, message);
                }
            }
        }
    }

    private static String problem(TreePath tryPath, TreePath resource, CheckContext context) {
        TypeMirror type = context.trees().getTypeMirror(resource);
        if (!context.jasyncio().isAsyncCloseable(type)) {
            return null;
        }
        EnclosingBody body = EnclosingBody.of(tryPath, context);
        if (!body.kind().isCoroutine()) {
            return context.jasyncio().isClosedOnlyByAclose(type) ? Messages.ASYNC_RESOURCE_OUTSIDE_COROUTINE : null;
        }
        if (AwaitInSynchronizedCheck.isInSynchronizedBlock(tryPath, body)) {
            return Messages.ASYNC_RESOURCE_IN_SYNCHRONIZED_BLOCK;
        }
        return isEmpty(((TryTree) tryPath.getLeaf()).getBlock()) ? Messages.ASYNC_RESOURCE_WITH_EMPTY_BODY : null;
    }

    private static boolean isEmpty(BlockTree block) {
        return block.getStatements().stream().allMatch(EmptyStatementTree.class::isInstance);
    }
}
