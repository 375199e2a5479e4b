// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;


/**
 * The coroutine of {@code sleep(delay, result)}, written by hand as the weaver would write it.
 *
 * <p>A delay of zero or less is a bare yield: exactly one loop iteration, no future and no timer.
 * Otherwise a future is completed by a timer, so the task wakes in the iteration after the timer
 * fires, and a cancelled sleep cancels its timer.
 */
final class Sleep<T> extends Coroutine<T> {
    private static final int START = 0;
    private static final int AFTER_YIELD = 1;
    private static final int AFTER_TIMER = 2;

    private final double delaySeconds;
    final T result;

    private int label = START;
    private TimerHandle timer;

    Sleep(double delaySeconds, T result) {
        if (Double.isNaN(delaySeconds)) {
            throw new IllegalArgumentException("delay is NaN");
        }
        this.delaySeconds = delaySeconds;
        this.result = result;
    }

    /** Whether this sleep is a bare yield of one iteration. */
    boolean yieldsOnce() {
        return delaySeconds <= 0;
    }

    @Override
    protected Object resume() {
        switch (label) {
            case START:
                if (yieldsOnce()) {
                    label = AFTER_YIELD;
                    return task.yieldOnce(this, null);
                }
                EventLoop loop = task.loop;
                Future<T> wakeUp = loop.createFuture();
                timer = loop.callLater(delaySeconds, () -> {
                    if (!wakeUp.cancelled()) {
                        wakeUp.setResult(result);
                    }
                });
                label = AFTER_TIMER;
                return task.suspendOn(this, wakeUp);
            case AFTER_YIELD:
                task.takeResumeValue();
                return complete(result);
            case AFTER_TIMER:
                try {
                    task.takeResumeValue();
                } finally {
                    timer.cancel();
                    timer = null;
                }
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
