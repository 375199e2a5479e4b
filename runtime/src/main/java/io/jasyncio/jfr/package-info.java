// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * The runtime's JDK Flight Recorder events: {@link io.jasyncio.jfr.SlowCallbackEvent}
 * ({@code io.jasyncio.SlowCallback}), a callback or task step that kept its loop from running
 * anything else, with the loop thread's stack sampled while it blocked.
 *
 * <p>The event type is API; {@link io.jasyncio.jfr.WatchedLoop} and
 * {@link io.jasyncio.jfr.SlowCallbacks} are how the runtime hands its loops to the watchdog, and are
 * not. Nothing here runs unless a recording enables the event: a loop's iteration then costs what it
 * always does (two increments of a counter), and one daemon thread watches every loop of the JVM.
 */
package io.jasyncio.jfr;
