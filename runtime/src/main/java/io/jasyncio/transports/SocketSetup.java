// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.net.SocketAddress;
import java.util.List;
import java.util.function.Function;

/**
 * The shape that {@link CreateConnection} and {@link CreateServer} share, asyncio's
 * {@code create_connection} and {@code create_server}: resolve the address on the running selector
 * loop, set sockets up for the resolved addresses, and finish once a last await is done, undoing the
 * setup if that await fails or the task is cancelled there.
 *
 * @param <T> what the setup returns: a transport and its protocol, or a server
 */
abstract class SocketSetup<T> extends HandWrittenCoroutine<T> {
    /** The resume point after the resolution; subclasses number theirs from 2. */
    private static final int RESOLVED = 1;

    /** Resolves the address on the running loop. */
    private final Function<SelectorEventLoop, Future<List<SocketAddress>>> resolve;

    /** The running loop, once the setup has started. */
    SelectorEventLoop loop;

    SocketSetup(Function<SelectorEventLoop, Future<List<SocketAddress>>> resolve) {
        this.resolve = resolve;
    }

    @Override
    protected final Object step(int label) {
        switch (label) {
            case START:
                loop = Sockets.runningLoop();
                return await(RESOLVED, resolve.apply(loop));
            case RESOLVED:
                return resolved(awaited());
            default:
                return stepAfterResolution(label);
        }
    }

    /** Goes on with the resolved addresses, as {@link #step} would. */
    abstract Object resolved(List<SocketAddress> addresses);

    /** Goes on from the subclass's resume point {@code label}, as {@link #step} would. */
    abstract Object stepAfterResolution(int label);

    /**
     * For the step after the last await: takes its outcome and finishes with {@code value}, or, if the
     * await failed or was cancelled, runs {@code undo} and throws what the await threw.
     */
    final Object finishUnlessFailed(T value, Runnable undo) {
        try {
            awaited();
        } catch (Throwable failure) {
            undo.run();
            throw failure;
        }
        return finish(value);
    }
}
