// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;

/**
 * Error: an {@code await} whose body is not woven, neither an {@code @Async} method nor an async
 * lambda, could only fail when it runs. That includes a lambda that is not async inside an
 * {@code @Async} method ({@code items.forEach(i -> await(send(i)))}): the lambda is a method of its
 * own, which runs outside the coroutine. Reported at each such {@code await}, and at each method
 * reference to {@code await} wherever it is: whatever calls the reference runs outside any coroutine.
 */
final class AwaitOutsideCoroutineCheck implements Check {
    @Override
    public void check(Sites sites, CheckContext context) {
        for (TreePath await : sites.awaits()) {
            String message = switch (EnclosingBody.of(await, context).kind()) {
                case ASYNC_METHOD, ASYNC_LAMBDA, UNRESOLVED_LAMBDA -> null;
                case PLAIN_METHOD -> Messages.AWAIT_IN_PLAIN_METHOD;
                case PLAIN_LAMBDA -> Messages.AWAIT_IN_PLAIN_LAMBDA;
                case CONSTRUCTOR -> Messages.AWAIT_IN_CONSTRUCTOR;
                case INSTANCE_INITIALISER -> Messages.AWAIT_IN_INSTANCE_INITIALISER;
                case STATIC_INITIALISER -> Messages.AWAIT_IN_STATIC_INITIALISER;
            };
            if (message != null) {
                context.reporter().error(await.getLeaf(), message);
            }
        }
        for (TreePath reference : sites.awaitReferences()) {
            context.reporter().error(reference.getLeaf(), Messages.AWAIT_REFERENCE);
        }
    }
}
