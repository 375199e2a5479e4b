// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.transports.BaseTransport;
import io.jasyncio.transports.Protocol;

/**
 * The protocol of one pipe to a child, asyncio's {@code ReadSubprocessPipeProto} and
 * {@code WriteSubprocessPipeProto}: it forwards what its pipe transport tells it to the child's
 * {@link ProcessTransport}, naming the pipe by its descriptor number. Loop thread only.
 */
final class PipeProtocol implements Protocol {
    /** The child's descriptor at the other end: 0 for stdin, 1 for stdout, 2 for stderr. */
    final int fd;

    /** The transport of the whole child; {@code null} once this pipe is lost. */
    private ProcessTransport process;

    /** The pipe's transport, set as it is made. */
    BaseTransport pipe;

    /** Whether the pipe is closed and its loss passed on. */
    boolean disconnected;

    PipeProtocol(ProcessTransport process, int fd) {
        this.process = process;
        this.fd = fd;
    }

    @Override
    public void dataReceived(byte[] data) {
        process.pipeDataReceived(fd, data);
    }

    @Override
    public void connectionLost(Exception failure) {
        disconnected = true;
        process.pipeConnectionLost(fd, failure);
        process = null;
    }

    @Override
    public void pauseWriting() {
        process.getProtocol().pauseWriting();
    }

    @Override
    public void resumeWriting() {
        process.getProtocol().resumeWriting();
    }

    @Override
    public String toString() {
        return "PipeProtocol[fd=" + fd + " pipe=" + pipe + "]";
    }
}
