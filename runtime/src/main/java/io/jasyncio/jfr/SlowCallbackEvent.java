// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * The flight-recorder event {@code io.jasyncio.SlowCallback}: a callback or task step that ran at
 * least the threshold (100 ms unless a recording sets the event's {@code threshold}), keeping its
 * loop from running anything else. It is the production form of debug mode's "Executing ... took
 * 0.300 seconds" warning, asyncio's {@code slow_callback_duration}, and it is enabled by default.
 *
 * <p>A watchdog thread, which runs only while a recording enables the event, looks at every running
 * loop every tenth of the threshold (at most every 10 ms): a loop that has run the same callback
 * for the threshold since a look first saw it has its thread's stack sampled there and then, while
 * the callback still blocks, into {@link #blockedStack}; a callback that ran less than one period
 * over the threshold may go unreported. The event is written when the
 * callback ends, and its start and end are the watchdog's looks around the callback, so the
 * duration is never shorter than the callback ran, and longer by up to the time between two looks
 * (more when the watchdog's thread waits for a processor). The JFR stack trace of the event
 * would be the watchdog's, so it is not recorded. A callback still running when a recording chunk
 * ends (the recording stops or is dumped) is written then with {@link #finished} false, and the
 * rest of its run, if it reaches the threshold too, in a second event.
 */
@Name("io.jasyncio.SlowCallback")
@Label("Slow Callback")
@Category({"jasyncio", "Event Loop"})
@Description("A callback or task step that kept its event loop busy for the threshold or longer, with its thread's stack sampled while it ran")
@Enabled(true)
@Threshold("100 ms")
@StackTrace(false)
@Period("endChunk")
public final class SlowCallbackEvent extends Event {
    /** The name of the task whose step this was, or {@code null} for a plain callback. */
    @Label("Task")
    @Description("The name of the task whose step ran, or null for a plain callback")
    String task;

    /** What ran, as debug mode's warning names it: {@code step of NAME}, {@code Handle[...]}. */
    @Label("Callback")
    @Description("What the loop ran, as debug mode's slow-callback warning names it")
    String callback;

    /** The thread that runs the loop. */
    @Label("Loop Thread")
    Thread loopThread;

    /** The loop thread's Java stack while the callback blocked, innermost frame first, one a line. */
    @Label("Blocked Stack")
    @Description("The loop thread's stack sampled while the callback ran, innermost frame first, one a line")
    String blockedStack;

    /** Whether the callback had returned when the event was written; false at the end of a recording chunk. */
    @Label("Finished")
    @Description("Whether the callback had returned when the event was written; false if it still ran at the end of a recording chunk")
    boolean finished;
}
