// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

/** One rule about {@code @Async} code, applied to the sites found in one class. */
interface Check {
    /** Reports, through the context, every place among {@code sites} that breaks this rule. */
    void check(Sites sites, CheckContext context);
}
