// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;
import javax.lang.model.element.Modifier;

/**
 * Error: a {@code synchronized @Async} method, whether it awaits or not (reported at the method). The
 * monitor would be held only while the call creates the coroutine; the body runs later, in the steps
 * of a task, never inside it, so {@code synchronized} would protect nothing.
 */
final class SynchronizedAsyncMethodCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath path : sites.asyncMethods()) {
            if (context.trees().getElement(path).getModifiers().contains(Modifier.SYNCHRONIZED)) {
                context.reporter().error(path.getLeaf(), Messages.SYNCHRONIZED_ASYNC_METHOD);
            }
        }
    }
}
