// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.SynchronizedTree;
import com.sun.source.util.TreePath;

/**
 * Error: an {@code await} in a coroutine while it holds a monitor, inside a {@code synchronized}
 * block's body. A suspended task would keep the monitor while other tasks run on the same thread. A
 * {@code synchronized} block without an {@code await} is fine, and so is an async lambda written
 * inside one: its body runs later, without the monitor. A {@code synchronized @Async} method is
 * {@link SynchronizedAsyncMethodCheck}'s to report, and an {@code await} outside any coroutine
 * {@link AwaitOutsideCoroutineCheck}'s.
 */
final class AwaitInSynchronizedCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath await : sites.awaits()) {
            EnclosingBody body = EnclosingBody.of(await, context);
            if (body.kind().isCoroutine() && isInSynchronizedBlock(await, body)) {
                context.reporter().error(await.getLeaf(), Messages.AWAIT_IN_SYNCHRONIZED_BLOCK);
            }
        }
    }

    /** Whether the monitor of a {@code synchronized} block is held at {@code site}: not in its lock expression. */
    static boolean isInSynchronizedBlock(TreePath site, EnclosingBody body) {
        return body.stepsOutFrom(site).stream().anyMatch(step ->
                step.enclosing().getLeaf() instanceof SynchronizedTree block && step.child() == block.getBlock());
    }
}
