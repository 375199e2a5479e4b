// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Child processes with pipes, asyncio's {@code asyncio.subprocess} and the loop's
 * {@code subprocess_exec} and {@code subprocess_shell}: see {@link io.jasyncio.subprocess.Subprocesses}.
 *
 * <p>The JDK gives a child's pipes only as blocking streams. Each blocking read or write of a pipe is
 * one job on a shared pool of daemon threads, whose outcome goes back to the loop with
 * {@code callSoonThreadsafe}; the loop starts the next one only when the protocol or stream wants
 * more. A pipe holds a thread only while a read or write of it is blocked, so a paused pipe holds
 * none and its child blocks on the full pipe, as under asyncio. The child's exit comes from the JDK's
 * own reaper ({@link java.lang.Process#onExit()}). The loop's thread never blocks on a child.
 *
 * <p>Differences from asyncio, where the JDK decides: a child killed by signal N has the return code
 * {@code 128 + N} (asyncio: {@code -N}); when the child exits, the JDK closes the stdin pipe even if
 * a grandchild still reads it; signals other than SIGTERM and SIGKILL are sent with the system's
 * {@code kill} command. The shell is {@code /bin/sh}.
 */
package io.jasyncio.subprocess;
