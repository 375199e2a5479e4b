// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.annotations.Async;

/**
 * Ctrl-C while {@code run()} runs cancels the main task, which cleans up (awaiting as it does so);
 * {@code run()} then throws {@link KeyboardInterrupt}, as Python's {@code asyncio.run} raises it.
 * With the argument {@code stubborn} the task swallows the cancellation and sleeps on, and only a
 * second Ctrl-C ends the program, as it ends any JVM.
 */
public final class CtrlC {
    private CtrlC() {
    }

    @Async
    static Coroutine<Void> main(boolean stubborn) {
        System.out.println("waiting for Ctrl-C");
        try {
            await(sleep(3600));
        } catch (CancelledError cancelled) {
            System.out.println("main task cancelled: cleaning up");
            await(sleep(0.1));
            System.out.println("cleaned up");
            if (!stubborn) {
                throw cancelled;
            }
            System.out.println("sleeping on");
            await(sleep(3600));
        }
        return result(null);
    }

    public static void main(String[] args) {
        try {
            run(main(args.length > 0 && args[0].equals("stubborn")));
        } catch (KeyboardInterrupt interrupt) {
            System.out.println("KeyboardInterrupt");
        }
    }
}
