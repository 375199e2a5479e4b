// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Not API: the binary contract between code that the weaver rewrote and the runtime.
 *
 * <p>{@link io.jasyncio.internal.WovenCode} lists every method and field that woven classes name,
 * with its descriptor. It is versioned: a change to it is a change to the weaver's output, and the
 * two change together. Application code never calls anything here.
 */
package io.jasyncio.internal;
