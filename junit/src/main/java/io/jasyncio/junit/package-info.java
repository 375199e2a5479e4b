// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Async tests under JUnit 5: {@link io.jasyncio.junit.AsyncTest} runs an {@code @Async} test method
 * on a fresh loop with virtual time and fails it on what it leaves behind;
 * {@link io.jasyncio.junit.AsyncTesting#runTest} does the same from any {@code void} test method
 * ({@code @RepeatedTest}, {@code @ParameterizedTest}), as Kotlin's {@code runTest}.
 */
package io.jasyncio.junit;
