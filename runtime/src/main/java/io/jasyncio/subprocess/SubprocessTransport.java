// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.transports.BaseTransport;

/**
 * A running child process and the pipes to it, asyncio's {@code SubprocessTransport}. Closing it
 * closes the pipes and kills the child if it still runs. Loop thread only.
 */
public interface SubprocessTransport extends BaseTransport {
    /** The child's process id, asyncio's {@code get_pid()}. */
    long getPid();

    /**
     * The child's return code once it has exited, {@code null} while it runs, asyncio's
     * {@code get_returncode()}. A child killed by signal N returns {@code 128 + N}, as the JDK
     * reports it, where asyncio returns {@code -N}.
     */
    Integer getReturncode();

    /**
     * The transport of the pipe to the child's {@code fd}, asyncio's {@code get_pipe_transport(fd)}:
     * a {@link io.jasyncio.transports.WriteTransport} for stdin (0), a
     * {@link io.jasyncio.transports.ReadTransport} for stdout (1) and stderr (2); {@code null} where
     * that stream is not a pipe.
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends the child the signal numbered {@code signal}, asyncio's {@code send_signal(signal)};
     * nothing if it has exited already. Throws {@link ProcessLookupException} once the transport is
     * done with the child.
     */
    void sendSignal(int signal);

    /** Asks the child to stop, with SIGTERM, asyncio's {@code terminate()}; nothing if it has exited already. */
    void terminate();

    /** Kills the child, with SIGKILL, asyncio's {@code kill()}; nothing if it has exited already. */
    void kill();
}
