// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code wait()} returns, asyncio's {@code (done, pending)} pair of sets: the futures that were
 * done when it returned and those that were not, in the order they were given.
 *
 * @param done the futures that are done, cancelled ones included
 * @param pending the futures that are still pending; {@code wait()} never cancels them
 * @param <F> the type of the futures, so that tasks come back as tasks
 */
public record DoneAndPending<F extends Future<?>>(Set<F> done, Set<F> pending) {
    /** Copies both sets, unmodifiable, keeping their order. */
    public DoneAndPending {
        done = Collections.unmodifiableSet(new LinkedHashSet<>(done));
        pending = Collections.unmodifiableSet(new LinkedHashSet<>(pending));
    }
}
