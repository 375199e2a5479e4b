// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a coroutine function, asyncio's {@code async def}.
 *
 * <p>The method must return {@code io.jasyncio.Coroutine<T>}. Calling it runs nothing: it returns
 * a coroutine that runs when awaited or wrapped in a task. Inside it, {@code await(x)} suspends the
 * current task until {@code x} is done, without blocking the thread. The weaver (run by the
 * annotation processor as javac writes the class, by the Maven plugin, or by the {@code -javaagent})
 * finds the annotation in the class file, which is why it is retained there, and rewrites the method
 * into a resumable state machine.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
