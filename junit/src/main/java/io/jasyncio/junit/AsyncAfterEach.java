// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code @Async} method, without parameters, that returns {@code Coroutine}, to run as a
 * task on each {@link AsyncTest}'s loop after the test, even if the test failed, as Python's
 * {@code asyncTearDown}: in the reverse order of {@link AsyncBeforeEach}. The leak checks run after
 * it, so it may close what the test left open.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsyncAfterEach {
}
