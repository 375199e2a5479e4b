// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that the weaver has rewritten, with the version of {@link WovenCode} it calls, so
 * that weaving it again changes nothing. Only the weaver writes it; it is read from the class file.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Woven {
    /** The {@link WovenCode#VERSION} that the class was woven for. */
    int version();
}
