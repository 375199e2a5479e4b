// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.graph;

import java.util.List;

/**
 * What one running loop was doing when asked from outside (by {@code ps}/{@code pstree}): the call
 * graph of each of its pending tasks, or, if its thread did not answer in time, that thread's Java
 * stack.
 *
 * @param threadName the name of the loop's thread
 * @param threadId the id of the loop's thread
 * @param tasks the graph of each pending task, in creation order; empty if the loop is blocked
 * @param blockedStack the Java stack of the loop's thread if it did not answer, else {@code null}
 */
public record LoopTasks(String threadName, long threadId, List<FutureCallGraph> tasks, List<StackTraceElement> blockedStack) {
    /** Copies the lists. */
    public LoopTasks {
        tasks = List.copyOf(tasks);
        blockedStack = blockedStack == null ? null : List.copyOf(blockedStack);
    }

    /** Whether the loop's thread did not answer: a callback that does not return blocks it. */
    public boolean blocked() {
        return blockedStack != null;
    }
}
