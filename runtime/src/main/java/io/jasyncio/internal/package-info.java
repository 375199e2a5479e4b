// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Not API: the binary contract between code that the weaver rewrote and the runtime.
 *
 * <p>{@link io.jasyncio.internal.WovenCode} lists every method and field that woven classes name,
 * with its descriptor. It is versioned: a change to it is a change to the weaver's output, and the
 * two change together. Application code never calls anything here.
 *
 * <p>It also holds the tools that the runtime's other packages share to write their coroutines on
 * that same contract: {@link io.jasyncio.internal.HandWrittenCoroutine}, and the queues of waiters
 * and the loop binding of the synchronisation primitives ({@link io.jasyncio.internal.Waiters},
 * {@link io.jasyncio.internal.LoopBinding}), and the byte buffer of the streams and transports
 * ({@link io.jasyncio.internal.StreamBuffer}).
 */
package io.jasyncio.internal;
