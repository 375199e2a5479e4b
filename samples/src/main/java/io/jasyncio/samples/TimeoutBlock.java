// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.monotonic;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.round;
import static io.jasyncio.samples.Python.typeName;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Timeout;
import io.jasyncio.TimeoutException;
import io.jasyncio.annotations.Async;

// Port of conformance/22_timeout_cm.py.
// asyncio.timeout() (3.11): cancels the current task when the deadline hits
// and converts the resulting CancelledError into TimeoutError at the
// `async with` exit. Code after the block continues normally.
// `async with asyncio.timeout(d) as cm: body` is `await(timeout(d, cm -> body))`;
// Python's `cm` outlives the block, so the port keeps it in `last` to read it
// after the block.

/** timeout(): the body sees CancelledError at the deadline, and the block throws TimeoutException instead. */
public final class TimeoutBlock {
    /** The Timeout of the latest block, Python's `cm` after the `async with`. */
    private static Timeout last;

    private TimeoutBlock() {
    }

    @Async
    static Coroutine<Void> main() {
        double t0 = monotonic();
        try {
            await(timeout(0.2, cm -> {
                last = cm;
                print("inside, expired() =", cm.expired());
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    print("body sees CancelledError (not TimeoutError)");
                    throw e;
                }
                return result(null);
            }));
        } catch (TimeoutException e) {
            print("TimeoutError at block exit; expired() =", last.expired(), "cause:", typeName(e.getCause()));
        }
        print("elapsed", round(monotonic() - t0, 1));
        print("task cancelling() after timeout:", currentTask().cancelling());

        // no timeout if the body finishes in time
        await(timeout(1, cm -> {
            last = cm;
            await(sleep(0.01));
            return result(null);
        }));
        print("finished in time; expired() =", last.expired());

        // timeout(None) never fires; reschedule() moves the deadline
        try {
            await(timeout(null, cm -> {
                print("when() =", cm.when());
                cm.reschedule(getRunningLoop().time() + 0.05);
                await(sleep(10));
                return result(null);
            }));
        } catch (TimeoutException e) {
            print("rescheduled timeout fired");
        }

        // a deadline already in the past fires at the first await
        try {
            await(timeout(-1, () -> {
                print("body starts even though deadline passed");
                await(sleep(0));
                print("not printed");
                return result(null);
            }));
        } catch (TimeoutException e) {
            print("past deadline -> TimeoutError at first await");
        }

        // swallowing CancelledError inside the block: block exits normally but
        // expired() is True and no TimeoutError is raised
        await(timeout(0.01, cm -> {
            last = cm;
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                print("swallowed inside timeout block");
            }
            return result(null);
        }));
        print("after swallow: expired() =", last.expired());
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(main());
    }
}
