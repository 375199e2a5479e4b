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
 * task on each {@link AsyncTest}'s loop before the test, as Python's {@code asyncSetUp}: a
 * superclass's first, an enclosing class's before a {@code @Nested} one's. If it fails, the test does
 * not run, and the {@link AsyncAfterEach} methods do. (JUnit's {@code @BeforeEach} refuses methods
 * that return a value.)
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsyncBeforeEach {
}
