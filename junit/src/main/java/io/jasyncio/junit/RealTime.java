// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an {@link AsyncTest}, or every one of a class and of its {@code @Nested} classes, on the
 * system's clock instead of virtual time: sleeps take real time. For tests whose peers the loop does
 * not know of, such as a server in a thread of the test or another process (see
 * {@link io.jasyncio.FakeClock} for how virtual time mixes with I/O).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealTime {
}
