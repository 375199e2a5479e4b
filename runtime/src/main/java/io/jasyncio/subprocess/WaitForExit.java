// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;

/**
 * The coroutine of {@link Subprocess#await()}, asyncio's {@code Process.wait()} over the transport's
 * {@code _wait()}: it waits on a future of its own, so that cancelling it cancels no other waiter.
 */
final class WaitForExit extends HandWrittenCoroutine<Integer> {
    private static final int EXITED = 1;

    private final ProcessTransport transport;

    WaitForExit(ProcessTransport transport) {
        super("Process.wait");
        this.transport = transport;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                Future<Integer> exited = transport.waitForExit();
                return await(EXITED, exited);
            case EXITED:
                return finish(awaited());
            default:
                throw badLabel(label);
        }
    }
}
