// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.concurrent.Callable;

/**
 * The coroutine of {@code toThread(job)}, asyncio's {@code to_thread}: when awaited, it runs the job
 * in the loop's default executor, in the context of the awaiting task, and returns its result.
 * Like every coroutine, it does nothing until it is awaited.
 */
final class ToThread<T> extends HandWrittenCoroutine<T> {
    private static final int AFTER_JOB = 1;

    private final Callable<T> job;

    ToThread(Callable<T> job) {
        if (job == null) {
            throw new NullPointerException("job");
        }
        this.job = job;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                Context context = Context.copyContext(); // as asyncio.to_thread runs the function in ctx.run
                return await(AFTER_JOB, EventLoop.getRunningLoop().runInExecutor(null, () -> context.call(job)));
            case AFTER_JOB:
                return finish(awaited());
            default:
                throw badLabel(label);
        }
    }

    @Override
    protected String functionName() {
        return "toThread";
    }
}
