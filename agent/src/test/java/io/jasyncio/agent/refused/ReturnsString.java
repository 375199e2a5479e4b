// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import io.jasyncio.annotations.Async;

/** An {@code @Async} method that does not return {@code Coroutine}, which the weaver refuses. */
public class ReturnsString {
    @Async
    static String describe() {
        return "not a coroutine"; // <- first line
    }
}
