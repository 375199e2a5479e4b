// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.locks;

import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code async with primitive: return await body()}, asyncio's {@code _ContextManagerMixin}, as a
 * coroutine: awaits {@code acquire}, then makes and awaits the body, and releases whatever way the
 * body ends. Its exceptions are exactly those of
 * <pre>{@code
 * await(acquire());
 * try {
 *     return result(await(body.get()));
 * } finally {
 *     release();
 * }
 * }</pre>
 * a failed or cancelled acquire releases nothing, and an exception from {@code release} replaces the
 * body's, as in a {@code finally} block.
 *
 * @param <T> the type of the body's result
 */
final class Holding<T> extends HandWrittenCoroutine<T> {
    private static final int ACQUIRED = 1;
    private static final int BODY_ENDED = 2;

    private final Supplier<? extends Coroutine<Boolean>> acquire;
    private final Runnable release;
    private final Supplier<? extends Awaitable<? extends T>> body;

    Holding(String functionName, Supplier<? extends Coroutine<Boolean>> acquire, Runnable release,
            Supplier<? extends Awaitable<? extends T>> body) {
        super(functionName);
        this.acquire = acquire;
        this.release = release;
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                return await(ACQUIRED, acquire.get());
            case ACQUIRED:
                awaited();
                Awaitable<? extends T> work;
                try {
                    work = Objects.requireNonNull(body.get(), "the body returned null");
                } catch (Throwable failure) {
                    release.run();
                    throw failure;
                }
                return await(BODY_ENDED, work);
            case BODY_ENDED:
                T value;
                try {
                    value = awaited();
                } finally {
                    release.run();
                }
                return finish(value);
            default:
                throw badLabel(label);
        }
    }
}
