// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an {@code @Async} method that returns {@code Coroutine} as a test, Python's
 * {@code IsolatedAsyncioTestCase} test method: it runs as the main task of a fresh loop, on virtual
 * time unless {@link RealTime}, between the class's {@link AsyncBeforeEach} and {@link AsyncAfterEach}
 * methods on the same loop; it fails with the coroutine's exception as thrown, and with a
 * {@link LeakCheck} failure if it leaves work behind; then the loop is closed.
 *
 * <pre>{@code
 * @AsyncTest(timeout = 5)
 * @Async
 * Coroutine<Void> replies() {
 *     await(sleep(3600));                  // virtual time: takes no real time
 *     assertEquals(3600.0, getRunningLoop().time());
 *     return result(null);
 * }
 * }</pre>
 *
 * <p>JUnit Jupiter discovers {@code @Test}, {@code @RepeatedTest} and {@code @ParameterizedTest}
 * methods only if they return {@code void}, so this annotation is a {@link TestFactory}: the method
 * makes its coroutine (which runs nothing yet) and the extension returns one dynamic test, named as
 * the method, that runs it. Reports show the method with that one test inside. JUnit's own
 * {@code @BeforeEach} and {@code @AfterEach} run around it as usual, on the test's thread, outside
 * the loop. For repeated and parameterized tests, use {@link AsyncTesting#runTest} in a
 * {@code void} method. An {@code @AsyncTest} method that returns {@code void} is not found by JUnit
 * at all, as no test factory that returns nothing is.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestFactory
@ExtendWith(AsyncTestExtension.class)
public @interface AsyncTest {
    /**
     * The longest the test may run, in seconds of the loop's time (virtual or real), with its
     * {@link AsyncBeforeEach} and {@link AsyncAfterEach} methods; 0, the default, means no limit. A
     * test still running then is cancelled and fails with an {@link AsyncTestTimeoutError} whose
     * stack trace is where its coroutine waited.
     */
    double timeout() default 0;

    /** The leak checks this test skips; by default every check runs. */
    LeakCheck[] skipChecks() default {};
}
