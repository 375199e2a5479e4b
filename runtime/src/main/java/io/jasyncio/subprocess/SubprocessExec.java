// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The coroutine of {@code subprocessExec} and {@code subprocessShell}, asyncio's
 * {@code loop.subprocess_exec} over {@code _make_subprocess_transport}: it makes the protocol, starts
 * the child, and returns the transport and protocol once the pipes are connected. Cancelled or
 * failed while connecting, it closes the transport (killing the child) and waits until the child has
 * exited and its pipes are closed before it throws, as asyncio does, so nothing is left running.
 *
 * @param <P> the kind of protocol the factory makes
 */
final class SubprocessExec<P extends SubprocessProtocol>
        extends HandWrittenCoroutine<TransportAndProtocol<SubprocessTransport, P>> {
    private static final int CONNECTED = 1;
    private static final int CLEANED_UP = 2;

    private final Supplier<? extends P> protocolFactory;
    private final List<String> command;
    private final SubprocessOptions options;
    private final String name;

    private P protocol;
    private ProcessTransport transport;

    /** What failed while connecting, rethrown once the child is gone. */
    private Throwable failure;

    SubprocessExec(Supplier<? extends P> protocolFactory, List<String> command, SubprocessOptions options, String name) {
        this.protocolFactory = protocolFactory;
        this.command = List.copyOf(command);
        this.options = options;
        this.name = name;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                return start();
            case CONNECTED:
                try {
                    awaited();
                } catch (Throwable connectingFailed) {
                    failure = connectingFailed;
                    transport.close();
                    return await(CLEANED_UP, transport.waitForExit());
                }
                return finish(new TransportAndProtocol<>(transport, protocol));
            case CLEANED_UP:
                awaited(); // a cancellation here replaces the first failure, as an exception raised in Python's except block does
                throw rethrow(failure);
            default:
                throw badLabel(label);
        }
    }

    private Object start() {
        EventLoop loop = EventLoop.getRunningLoop();
        protocol = protocolFactory.get();
        if (protocol == null) {
            throw new NullPointerException("the protocol factory returned null");
        }
        Future<Void> connected = loop.createFuture();
        try {
            transport = ProcessTransport.start(loop, protocol, options.processBuilder(command), connected);
        } catch (IOException cannotStart) {
            throw rethrow(cannotStart);
        }
        return await(CONNECTED, connected);
    }

    @Override
    protected String functionName() {
        return name;
    }
}
