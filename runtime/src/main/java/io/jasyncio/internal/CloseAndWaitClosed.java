// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.Future;
import java.util.function.Supplier;

/**
 * The {@code aclose()} of a writer or a server: {@code close()}, then await {@code waitClosed()},
 * Python's {@code writer.close(); await writer.wait_closed()} and a server's {@code __aexit__}. Runs
 * nothing until awaited, as any coroutine.
 */
public final class CloseAndWaitClosed extends HandWrittenCoroutine<Void> {
    private static final int CLOSED = 1;

    private final Runnable close;
    private final Supplier<Future<Void>> waitClosed;

    public CloseAndWaitClosed(String functionName, Runnable close, Supplier<Future<Void>> waitClosed) {
        super(functionName);
        this.close = close;
        this.waitClosed = waitClosed;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                close.run();
                return await(CLOSED, waitClosed.get());
            case CLOSED:
                awaited();
                return finish(null);
            default:
                throw badLabel(label);
        }
    }
}
