// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;


/**
 * The coroutine of {@code sleep(delay, result)}, written by hand as the weaver would write it.
 *
 * <p>A delay of zero or less is a bare yield: exactly one loop iteration, no future and no timer.
 * Otherwise the task parks itself in the loop's timer queue ({@link Task#sleepOnTimer}), with no
 * future, handle or callback: it wakes in the iteration after its deadline comes, as asyncio's
 * timer callback completes the sleep's future in one iteration and the task's step runs in the next.
 * Cancelling the task drops its timer entry.
 *
 * <p>Awaited from woven code, a sleep is never resumed at all: the awaiting frame parks itself (see
 * {@code WovenCodeSupport}), so nothing of this object stays alive while the task sleeps. It runs
 * as a coroutine of its own only when it is a task's coroutine or is awaited a second way.
 */
final class Sleep<T> extends Coroutine<T> {
    private static final int START = 0;
    private static final int AFTER_SLEEP = 1;

    private final double delaySeconds;
    final T result;

    private int label = START;

    Sleep(double delaySeconds, T result) {
        if (Double.isNaN(delaySeconds)) {
            throw new IllegalArgumentException("delay is NaN");
        }
        this.delaySeconds = delaySeconds;
        this.result = result;
    }

    /**
     * Suspends {@code frame}, the awaiter of this sleep, until the sleep is over, as if this sleep had
     * run in it: its task then resumes {@code frame} with {@link #result}.
     */
    Object suspendAwaiter(Task<?> task, Coroutine<?> frame) {
        if (delaySeconds <= 0) {
            return task.yieldOnce(frame, result);
        }
        return task.sleepOnTimer(frame, LoopTime.secondsToNanos(delaySeconds), result);
    }

    @Override
    protected Object resume() {
        switch (label) {
            case START:
                label = AFTER_SLEEP;
                return suspendAwaiter(task, this);
            case AFTER_SLEEP:
                task.takeResumeValue();
                return complete(result);
            default:
                throw new IllegalStateException("bad label " + label + " in " + this);
        }
    }

    @Override
    protected String functionName() {
        return "sleep";
    }
}
