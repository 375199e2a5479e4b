// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.transports.TransportAndProtocol;
import java.util.List;

/**
 * The coroutine of {@code createSubprocessExec} and {@code createSubprocessShell}, asyncio's
 * {@code create_subprocess_exec}: {@code subprocessExec} with a {@link SubprocessStreamProtocol},
 * whose streams the returned {@link Subprocess} holds.
 */
final class CreateSubprocess extends HandWrittenCoroutine<Subprocess> {
    private static final int STARTED = 1;

    private final List<String> command;
    private final SubprocessOptions options;

    CreateSubprocess(List<String> command, SubprocessOptions options, String name) {
        super(name);
        this.command = command;
        this.options = options;
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                EventLoop loop = EventLoop.getRunningLoop();
                int limit = options.limit();
                return await(STARTED, new SubprocessExec<>(() -> new SubprocessStreamProtocol(loop, limit), command,
                        options, functionName()));
            case STARTED:
                TransportAndProtocol<SubprocessTransport, SubprocessStreamProtocol> started = awaited();
                return finish(new Subprocess((ProcessTransport) started.transport(), started.protocol()));
            default:
                throw badLabel(label);
        }
    }
}
