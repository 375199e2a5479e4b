// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Unix signal handlers on an event loop, asyncio's {@code loop.add_signal_handler} and
 * {@code remove_signal_handler}, through the JDK's {@code sun.misc.Signal}: the JVM receives the
 * signal on a thread of its own, and the loop runs the callback on its thread.
 */
package io.jasyncio.signals;
