// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The coroutine of {@code subprocessExec} and {@code subprocessShell}, asyncio's
 * {@code loop.subprocess_exec} over {@code _make_subprocess_transport}: it makes the protocol, starts
 * the child, and returns the transport and protocol once the pipes are connected. Cancelled or
 * failed while connecting, it closes the transport (killing the child) and waits until the child has
 * exited and its pipes are closed before it throws, as asyncio does, so nothing is left running;
 * cancelled while the child starts, it kills the child as soon as it has started.
 *
 * @param <P> the kind of protocol the factory makes
 */
final class SubprocessExec<P extends SubprocessProtocol>
        extends HandWrittenCoroutine<TransportAndProtocol<SubprocessTransport, P>> {
    private static final int STARTED = 1;
    private static final int CONNECTED = 2;
    private static final int CLEANED_UP = 3;

    private final Supplier<? extends P> protocolFactory;
    private final List<String> command;
    private final SubprocessOptions options;
    private final String name;

    private P protocol;
    private ProcessBuilder builder;

    /** The child, as the pipe thread that starts it reports it; the cancelled coroutine kills it. */
    private CompletableFuture<Process> spawned;

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
            case STARTED:
                Process process;
                try {
                    process = awaited();
                } catch (CancelledError cancelled) {
                    spawned.thenAccept(Process::destroyForcibly); // started after all: nobody owns it
                    throw cancelled;
                }
                EventLoop loop = EventLoop.getRunningLoop();
                Future<Void> connected = loop.createFuture();
                transport = ProcessTransport.connect(loop, protocol, builder, process, connected);
                return await(CONNECTED, connected);
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

    /**
     * Makes the protocol and starts the child on a pipe thread: the JDK's {@code ProcessBuilder.start()}
     * blocks for milliseconds (it spawns a helper that execs the program), which would stall the loop
     * when many children start at once. A program that cannot start throws the JDK's
     * {@link IOException}, as asyncio raises {@code FileNotFoundError} or {@code PermissionError}.
     */
    private Object start() {
        protocol = protocolFactory.get();
        if (protocol == null) {
            throw new NullPointerException("the protocol factory returned null");
        }
        builder = options.processBuilder(command);
        spawned = new CompletableFuture<>();
        PipeThreads.run(() -> {
            try {
                spawned.complete(builder.start());
            } catch (IOException | RuntimeException cannotStart) {
                spawned.completeExceptionally(cannotStart);
            }
        });
        return await(STARTED, Asyncio.wrapFuture(spawned.copy())); // a copy: cancelling the wait leaves spawned to see the child
    }

    @Override
    protected String functionName() {
        return name;
    }
}
