// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.WovenCode;

/**
 * A coroutine written by hand the way the weaver writes one, through the woven-code contract
 * ({@link WovenCode}), so that tasks can be tested without the weaver.
 *
 * <p>It runs its steps in order. Each step receives the value of the await before it ({@code null}
 * for the first step) and returns what to await next, or {@code null} to go straight on to the next
 * step. The coroutine returns the value of its last await. An exception that a step throws, or that
 * is thrown at an await, ends the coroutine with that exception. For example, Python's
 * <pre>{@code
 * async def body():
 *     print("step 1")
 *     await asyncio.sleep(0)
 *     print("step 2")
 *     return "done"
 * }</pre>
 * is
 * <pre>{@code
 * coroutine(
 *         awaited -> { trace("step 1"); return sleep(0); },
 *         awaited -> { trace("step 2"); return result("done"); })
 * }</pre>
 *
 * @param <T> the type of the value the coroutine returns
 */
final class HandWovenCoroutine<T> extends Coroutine<T> {
    /** One stretch of the coroutine's body between two awaits. */
    @FunctionalInterface
    interface Step {
        /** Runs the stretch after an await that produced {@code awaited}; returns what to await next, or {@code null}. */
        Awaitable<?> run(Object awaited);
    }

    private final Step[] steps;

    /** The resume point: the index of the next step to run. */
    private int label;

    /** Whether the coroutine returned {@link WovenCode#SUSPENDED} and must take its resume value. */
    private boolean suspended;

    private HandWovenCoroutine(Step[] steps) {
        this.steps = steps.clone();
    }

    /** A coroutine that runs {@code steps} in order, awaiting what each returns. */
    static <T> Coroutine<T> coroutine(Step... steps) {
        return new HandWovenCoroutine<>(steps);
    }

    @Override
    protected Object resume() {
        Object awaited = null;
        if (suspended) {
            suspended = false;
            awaited = WovenCode.resumeValue(this);
        }
        while (label < steps.length) {
            Awaitable<?> next = steps[label++].run(awaited);
            if (next == null) {
                awaited = null;
            } else if (WovenCode.isDone(next)) {
                awaited = WovenCode.doneResult(next);
            } else {
                Object outcome = WovenCode.await(this, next);
                if (outcome == WovenCode.SUSPENDED) {
                    suspended = true;
                    return outcome;
                }
                awaited = outcome;
            }
        }
        return WovenCode.returnValue(awaited, this);
    }
}
