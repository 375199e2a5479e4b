// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;

/**
 * Warning: a call whose value, a {@code Coroutine}, is thrown away. Calling an {@code @Async} method
 * runs nothing, so the coroutine never runs: Python's "coroutine was never awaited", found at compile
 * time. Any call that returns a coroutine counts, {@code sleep(1);} as well as a call of the user's
 * own {@code @Async} method.
 */
final class DiscardedCoroutineCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath call : sites.discardedCalls()) {
            if (context.jasyncio().isCoroutineValue(context.trees().getTypeMirror(call))) {
                String method = context.trees().getElement(call).getSimpleName().toString();
                context.reporter().warning(call.getLeaf(), Messages.coroutineNeverAwaited(method));
            }
        }
    }
}
