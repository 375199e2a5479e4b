// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

/**
 * Warning: a coroutine stored in a local variable that nothing ever reads. It is not awaited, passed
 * on, returned or kept, so it never runs: Python's "coroutine was never awaited", for a value that
 * went into a variable first. Reported at the call that made it. Any read of the variable counts as
 * a use (an await, an argument, a return, a field assignment, a capture by a lambda), so the check
 * never warns about a coroutine that may still run; a variable reassigned and then read is fine.
 */
final class UnawaitedLocalCoroutineCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (Sites.LocalStore store : sites.localStores()) {
            if (!sites.readLocals().contains(store.variable())
                    && context.jasyncio().isCoroutineValue(context.trees().getTypeMirror(store.call()))) {
                String method = context.trees().getElement(store.call()).getSimpleName().toString();
                context.reporter().warning(store.call().getLeaf(),
                        Messages.storedCoroutineNeverAwaited(method, store.variable().getSimpleName().toString()));
            }
        }
    }
}
