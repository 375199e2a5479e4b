// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.streams.FlowControl;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.ReadTransport;
import io.jasyncio.transports.WriteTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol behind a {@link Subprocess}'s streams, asyncio's {@code SubprocessStreamProtocol}: a
 * {@link StreamReader} over each of stdout and stderr that is a pipe, fed by
 * {@code pipeDataReceived} and ended by {@code pipeConnectionLost}, which pauses its pipe above
 * twice its limit; a {@link StreamWriter} over stdin, whose {@code drain()} waits on this protocol's
 * flow control. Once the child has exited and both output pipes are closed, it closes the transport,
 * which finishes it. Loop thread only.
 */
final class SubprocessStreamProtocol extends FlowControl implements SubprocessProtocol {
    private final int limit;

    private SubprocessTransport transport;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;

    /** Whether {@code processExited} was called. */
    private boolean processExited;

    /** The output pipes (1, 2) not closed yet. */
    private final List<Integer> pipeFds = new ArrayList<>(2);

    /** Done when stdin's pipe is closed, failed with what broke it: what the writer's {@code waitClosed()} waits on. */
    private final Future<Void> stdinClosed;

    SubprocessStreamProtocol(EventLoop loop, int limit) {
        super(loop);
        this.limit = limit;
        this.stdinClosed = loop.createFuture();
    }

    @Override
    public void connectionMade(SubprocessTransport made) {
        transport = made;
        if (made.getPipeTransport(1) instanceof ReadTransport pipe) {
            stdout = reader(pipe);
            pipeFds.add(1);
        }
        if (made.getPipeTransport(2) instanceof ReadTransport pipe) {
            stderr = reader(pipe);
            pipeFds.add(2);
        }
        if (made.getPipeTransport(0) instanceof WriteTransport pipe) {
            stdin = new StreamWriter(pipe, this, null, loop);
        }
    }

    private StreamReader reader(ReadTransport pipe) {
        StreamReader reader = new StreamReader(limit);
        reader.setTransport(pipe);
        return reader;
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Exception failure) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            connectionLost(failure);
            if (failure == null) {
                stdinClosed.setResult(null);
            } else {
                stdinClosed.setException(failure);
                stdinClosed.exception(); // retrieved: communicate() ignores a broken pipe, and waitClosed() need not be called
            }
            return;
        }
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (failure == null) {
                reader.feedEof();
            } else {
                reader.setException(failure);
            }
        }
        pipeFds.remove((Integer) fd);
        closeTransportIfDone();
    }

    @Override
    public void processExited() {
        processExited = true;
        closeTransportIfDone();
    }

    /** Closes the transport once the child exited and both output pipes closed, asyncio's {@code _maybe_close_transport}. */
    private void closeTransportIfDone() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    protected Future<Void> closeWaiter() {
        return stdinClosed;
    }

    StreamWriter stdin() {
        return stdin;
    }

    StreamReader stdout() {
        return stdout;
    }

    StreamReader stderr() {
        return stderr;
    }

    @Override
    public String toString() {
        return "SubprocessStreamProtocol[" + (stdin != null ? "stdin=" + stdin + " " : "")
                + (stdout != null ? "stdout=" + stdout + " " : "") + (stderr != null ? "stderr=" + stderr : "") + "]";
    }
}
