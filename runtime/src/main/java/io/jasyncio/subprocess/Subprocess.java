// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.Coroutine;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;

/**
 * A child process started by {@code createSubprocessExec} or {@code createSubprocessShell}, asyncio's
 * {@code asyncio.subprocess.Process}: its stdin as a {@link StreamWriter} and its stdout and stderr as
 * {@link StreamReader}s where they are pipes, {@link #await()} for its exit and
 * {@link #communicate(byte[])} to send input and collect both outputs. Named apart from
 * {@link java.lang.Process}, whose blocking methods it does not have. Loop thread only.
 *
 * <pre>{@code
 * Subprocess child = await(createSubprocessExec(SubprocessOptions.DEFAULTS.withStdout(PIPE), "ls", "-l"));
 * byte[] line;
 * while ((line = await(child.stdout().readline())).length > 0) {
 *     ...
 * }
 * int code = await(child.await());
 * }</pre>
 */
public final class Subprocess {
    private final ProcessTransport transport;
    private final SubprocessStreamProtocol protocol;

    Subprocess(ProcessTransport transport, SubprocessStreamProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
    }

    /** The child's stdin, asyncio's {@code stdin}; {@code null} unless it is a {@link Redirect#PIPE}. */
    public StreamWriter stdin() {
        return protocol.stdin();
    }

    /** The child's stdout, asyncio's {@code stdout}; {@code null} unless it is a {@link Redirect#PIPE}. */
    public StreamReader stdout() {
        return protocol.stdout();
    }

    /** The child's stderr, asyncio's {@code stderr}; {@code null} unless it is a {@link Redirect#PIPE}. */
    public StreamReader stderr() {
        return protocol.stderr();
    }

    /** The child's process id, asyncio's {@code pid}. */
    public long pid() {
        return transport.getPid();
    }

    /**
     * The child's return code once the loop knows it has exited, {@code null} before, asyncio's
     * {@code returncode}; {@code 128 + N} for a child killed by signal N, as the JDK reports it.
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /**
     * A coroutine that waits for the child to exit and returns its return code, asyncio's
     * {@code wait()} (named {@code await()}, as the locks' {@code wait()} are, since
     * {@link Object#wait()} takes the name). Started before the exit, it returns once the child has
     * exited and its pipes are closed; after the exit, at once. Cancelling it leaves the child
     * running. Like asyncio's, it can wait forever for a child that fills a pipe nobody reads: use
     * {@link #communicate()} then.
     */
    public Coroutine<Integer> await() {
        return new WaitForExit(transport);
    }

    /**
     * A coroutine that sends {@code input} to the child's stdin, closes it, reads stdout and stderr to
     * their ends, all three at once, then waits for the child to exit, asyncio's
     * {@code communicate(input)}; it returns what the child wrote to the streams that are pipes. A
     * child that exits without reading all of {@code input} is no error ("Broken pipe" is ignored, as
     * asyncio does). Cancelled, it leaves the child running, and what was read stays in the readers.
     */
    public Coroutine<Output> communicate(byte[] input) {
        return new Communicate(this, transport, input);
    }

    /**
     * Like {@link #communicate(byte[])} with no input, asyncio's {@code communicate()}: stdin is
     * neither written nor closed.
     */
    public Coroutine<Output> communicate() {
        return communicate(null);
    }

    /** Sends the child the signal numbered {@code signal}, asyncio's {@code send_signal()}; see {@link SubprocessTransport#sendSignal}. */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /** Asks the child to stop with SIGTERM, asyncio's {@code terminate()}. */
    public void terminate() {
        transport.terminate();
    }

    /** Kills the child with SIGKILL, asyncio's {@code kill()}. */
    public void kill() {
        transport.kill();
    }

    /** The transport under the streams, asyncio's {@code _transport}. */
    SubprocessTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "Subprocess[" + pid() + "]";
    }

    /**
     * What {@link #communicate(byte[])} returns, asyncio's {@code (stdout_data, stderr_data)}: each
     * {@code null} where that stream is not a pipe.
     */
    public record Output(byte[] stdout, byte[] stderr) {}
}
