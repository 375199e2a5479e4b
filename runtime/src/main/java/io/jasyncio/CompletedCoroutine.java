// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/**
 * What {@code result(value)} returns when it is not the return of a woven {@code @Async} method: a
 * coroutine that returns {@code value} as soon as it runs, without suspending.
 */
final class CompletedCoroutine<T> extends Coroutine<T> {
    private final T value;

    CompletedCoroutine(T value) {
        this.value = value;
    }

    @Override
    protected Object resume() {
        return complete(value);
    }

    @Override
    protected String functionName() {
        return "result";
    }
}
