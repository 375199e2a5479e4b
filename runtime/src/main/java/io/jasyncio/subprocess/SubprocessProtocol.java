// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.transports.BaseProtocol;

/**
 * What a child process's transport tells its protocol, asyncio's {@code SubprocessProtocol}. The
 * calls come on the loop's thread in asyncio's order: {@code connectionMade} first; then, as they
 * happen, {@code pipeDataReceived} for stdout (fd 1) and stderr (fd 2), {@code pipeConnectionLost}
 * once for each pipe, {@code processExited} once, and {@code pauseWriting}/{@code resumeWriting} for
 * stdin's buffer; {@code connectionLost(null)} last, once the child has exited and every pipe is
 * closed. Every method has a default that does nothing.
 */
public interface SubprocessProtocol extends BaseProtocol<SubprocessTransport> {
    /**
     * The child wrote {@code data} to its stdout ({@code fd} 1) or stderr ({@code fd} 2), asyncio's
     * {@code pipe_data_received(fd, data)}; the array is the protocol's to keep.
     */
    default void pipeDataReceived(int fd, byte[] data) {}

    /**
     * The pipe of {@code fd} (0 for stdin, 1 and 2 for stdout and stderr) is closed, asyncio's
     * {@code pipe_connection_lost(fd, exc)}: {@code failure} is {@code null} at the end of the
     * child's output or a clean close of stdin, else what broke it (for stdin, the
     * {@link java.io.IOException} "Broken pipe" of a write the child did not read).
     */
    default void pipeConnectionLost(int fd, Exception failure) {}

    /** The child exited, asyncio's {@code process_exited()}: its return code is known from now on. */
    default void processExited() {}
}
