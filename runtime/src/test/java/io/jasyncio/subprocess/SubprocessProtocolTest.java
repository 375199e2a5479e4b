// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import static io.jasyncio.subprocess.Subprocesses.subprocessExec;
import static io.jasyncio.subprocess.Subprocesses.subprocessShell;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Clock;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.transports.ReadTransport;
import io.jasyncio.transports.TransportAndProtocol;
import io.jasyncio.transports.WriteTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol level, asyncio's {@code loop.subprocess_exec} with a {@code SubprocessProtocol}, on
 * real children (python3, cat, sh): the order of the protocol's calls, flow control both ways, a
 * child that does not start, signals, closing a running child. Written with callbacks, unwoven.
 */
@Timeout(60)
class SubprocessProtocolTest extends LoopTestSupport {
    private static final String PYTHON = "python3";

    /** What {@link #record} traced, for the tests whose trace is only partly ordered. */
    private final List<String> recorded = new ArrayList<>();

    private void record(String line) {
        recorded.add(line);
        trace(line);
    }

    private List<String> tracedLines() {
        return recorded;
    }

    /** A protocol that traces each call, and lets the test react to them. */
    private class TracingProtocol implements SubprocessProtocol {
        SubprocessTransport transport;
        final Future<Void> lost;
        final StringBuilder stdout = new StringBuilder();
        long stdoutBytes;

        TracingProtocol(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(SubprocessTransport made) {
            transport = made;
            record("connectionMade pid=" + (made.getPid() > 0));
        }

        @Override
        public void pipeDataReceived(int fd, byte[] data) {
            if (fd == 1) {
                stdoutBytes += data.length;
                if (stdoutBytes > 4096) {
                    return; // bulk: counted, not traced
                }
                stdout.append(new String(data, US_ASCII));
            }
            record("pipeDataReceived " + fd + " " + new String(data, US_ASCII).strip());
        }

        @Override
        public void pipeConnectionLost(int fd, Exception failure) {
            record("pipeConnectionLost " + fd + " " + failure);
        }

        @Override
        public void processExited() {
            record("processExited " + transport.getReturncode());
        }

        @Override
        public void pauseWriting() {
            record("pauseWriting");
        }

        @Override
        public void resumeWriting() {
            record("resumeWriting");
        }

        @Override
        public void connectionLost(Exception failure) {
            record("connectionLost " + failure);
            lost.setResult(null);
        }

        WriteTransport stdin() {
            return (WriteTransport) transport.getPipeTransport(0);
        }
    }

    /** Starts {@code command} for a {@link TracingProtocol} on {@code loop}, and returns the protocol once connected. */
    private <P extends TracingProtocol> P start(EventLoop loop, java.util.function.Supplier<P> factory, String... command)
            throws IOException {
        TransportAndProtocol<SubprocessTransport, P> made = loop.runUntilComplete(
                subprocessExec(factory, command[0], java.util.Arrays.copyOfRange(command, 1, command.length)));
        assertTrue(made.protocol().transport == made.transport(), "connectionMade came before the coroutine returned");
        return made.protocol();
    }

    /** Asserts that the trace is {@code inOrder}, then {@code anyOrder} in some order, then {@code last}. */
    private void assertTraceInOrderThenAnyOrder(List<String> inOrder, List<String> anyOrder, String last) {
        List<String> expected = new ArrayList<>(inOrder);
        List<String> traced = tracedLines();
        List<String> middle = traced.subList(Math.min(inOrder.size(), traced.size()), Math.max(inOrder.size(), traced.size() - 1));
        List<String> sortedMiddle = new ArrayList<>(middle);
        sortedMiddle.sort(null);
        List<String> sortedAnyOrder = new ArrayList<>(anyOrder);
        sortedAnyOrder.sort(null);
        expected.addAll(sortedMiddle.equals(sortedAnyOrder) ? middle : anyOrder);
        expected.add(last);
        assertTrace(expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    /** Tells the child of {@link #theCallsComeInAsyncioOrderAsTheChildClosesEachPipe} to take its next step. */
    private class Stepper extends TracingProtocol {
        Stepper(EventLoop loop) {
            super(loop);
        }

        @Override
        public void connectionMade(SubprocessTransport made) {
            super.connectionMade(made);
            stdin().write(bytes("1\n"));
        }

        @Override
        public void pipeConnectionLost(int fd, Exception failure) {
            super.pipeConnectionLost(fd, failure);
            if (fd == 1) {
                stdin().write(bytes("2\n"));
            } else if (fd == 2) {
                stdin().close();
            }
        }
    }

    @Test
    void theCallsComeInAsyncioOrderAsTheChildClosesEachPipe() throws Exception {
        // The child closes stdout, then stderr, then reads stdin to its end and exits, each step when the test says.
        String child = String.join("\n",
                "import os, sys",
                "sys.stdin.readline()",
                "os.write(1, b'out\\n'); os.close(1)",
                "sys.stdin.readline()",
                "os.write(2, b'err\\n'); os.close(2)",
                "sys.stdin.buffer.read()",
                "os._exit(3)");
        runTest(loop -> {
            Stepper protocol = start(loop, () -> new Stepper(loop), PYTHON, "-c", child);
            loop.runUntilComplete(protocol.lost);
            assertEquals(3, protocol.transport.getReturncode());
            assertThrows(ProcessLookupException.class, protocol.transport::kill, "the transport is done with the child");
        });
        assertTrace("connectionMade pid=true",
                "pipeDataReceived 1 out",
                "pipeConnectionLost 1 null",
                "pipeDataReceived 2 err",
                "pipeConnectionLost 2 null",
                "pipeConnectionLost 0 null",
                "processExited 3",
                "connectionLost null");
    }

    @Test
    void catEchoesStdinAndTheChildsExitClosesTheTransport() throws Exception {
        runTest(loop -> {
            TracingProtocol protocol = start(loop, () -> new TracingProtocol(loop), "cat");
            protocol.stdin().write(bytes("hello\n"));
            protocol.stdin().writeEof();
            loop.runUntilComplete(protocol.lost);
            assertEquals("hello\n", protocol.stdout.toString());
        });
        // stdout's end and the exit race in the child; only the first and last calls are fixed
    }

    @Test
    void aWriterFasterThanTheChildIsPausedAboveTheHighWaterMarkAndResumedAsTheChildReads() throws Exception {
        String child = "import os, sys, time; time.sleep(0.2); os.write(1, b'%d\\n' % len(sys.stdin.buffer.read()))";
        runTest(Clock.system(), loop -> {
            TracingProtocol protocol = start(loop, () -> new TracingProtocol(loop), PYTHON, "-c", child);
            protocol.stdin().write(new byte[1 << 20]);
            assertEquals(1 << 20, protocol.stdin().getWriteBufferSize(), "nothing is written on the loop's thread");
            protocol.stdin().close();
            loop.runUntilComplete(protocol.lost);
            assertEquals(0, protocol.stdin().getWriteBufferSize());
        });
        // stdin closes before the child can read its end; stdout's and stderr's ends race with the exit
        assertTraceInOrderThenAnyOrder(List.of("connectionMade pid=true",
                "pauseWriting",
                "resumeWriting",
                "pipeConnectionLost 0 null",
                "pipeDataReceived 1 1048576"),
                List.of("pipeConnectionLost 1 null", "pipeConnectionLost 2 null", "processExited 0"),
                "connectionLost null");
    }

    @Test
    void aPausedPipeIsNotReadSoTheChildBlocksUntilItResumes() throws Exception {
        // 1 MiB to stdout, then a line to stderr: stderr stays silent while stdout is paused.
        String child = "import sys; sys.stdout.buffer.write(bytes(1 << 20)); sys.stdout.flush(); sys.stderr.write('done\\n')";
        List<String> whilePaused = new ArrayList<>();
        runTest(Clock.system(), loop -> {
            TracingProtocol protocol = start(loop, () -> new TracingProtocol(loop), PYTHON, "-c", child);
            ReadTransport stdout = (ReadTransport) protocol.transport.getPipeTransport(1);
            stdout.pauseReading();
            assertFalse(stdout.isReading());
            long[] bytesAtPause = new long[1];
            loop.callLater(0.5, () -> {
                bytesAtPause[0] = protocol.stdoutBytes;
                whilePaused.add("returncode " + protocol.transport.getReturncode());
                stdout.resumeReading();
            });
            loop.runUntilComplete(protocol.lost);
            assertTrue(bytesAtPause[0] <= 64 * 1024, "at most the chunk in flight at the pause arrived: " + bytesAtPause[0]);
            assertEquals(1 << 20, protocol.stdoutBytes);
            assertEquals(0, protocol.transport.getReturncode());
        });
        assertEquals(List.of("returncode null"), whilePaused, "the child is blocked on its full stdout");
    }

    /** Keeps what stdin's pipe was lost with. */
    private class StdinFailure extends TracingProtocol {
        Exception stdinFailure;

        StdinFailure(EventLoop loop) {
            super(loop);
        }

        @Override
        public void pipeConnectionLost(int fd, Exception failure) {
            if (fd == 0) {
                stdinFailure = failure;
            }
        }
    }

    @Test
    void aChildThatExitsWithoutReadingBreaksThePipe() throws Exception {
        runTest(Clock.system(), loop -> {
            // The child reads one line and exits: it cannot exit before the write, whose rest it leaves unread.
            StdinFailure protocol = start(loop, () -> new StdinFailure(loop), "sh", "-c", "read line");
            byte[] lineThenMore = new byte[1 << 20];
            lineThenMore[0] = '\n';
            protocol.stdin().write(lineThenMore);
            loop.runUntilComplete(protocol.lost);
            assertEquals("Broken pipe", assertInstanceOf(IOException.class, protocol.stdinFailure).getMessage());
        });
    }

    @Test
    void aProgramThatDoesNotExistThrowsTheJdksIOException() throws Exception {
        runTest(loop -> {
            IOException failure = assertThrows(IOException.class,
                    () -> loop.runUntilComplete(subprocessExec(() -> new TracingProtocol(loop), "/no/such/program")));
            assertTrue(failure.getMessage().contains("No such file or directory"), failure.getMessage());
        });
    }

    @Test
    void closingTheTransportKillsARunningChild() throws Exception {
        runTest(loop -> {
            TracingProtocol protocol = start(loop, () -> new TracingProtocol(loop), "sleep", "100");
            protocol.transport.close();
            assertTrue(protocol.transport.isClosing());
            loop.runUntilComplete(protocol.lost);
            assertEquals(128 + Signals.SIGKILL, protocol.transport.getReturncode(), "the JDK's code for SIGKILL");
        });
    }

    /** Sends the child SIGINT once it says it is ready. */
    private class Interrupter extends TracingProtocol {
        Interrupter(EventLoop loop) {
            super(loop);
        }

        @Override
        public void pipeDataReceived(int fd, byte[] data) {
            super.pipeDataReceived(fd, data);
            if (new String(data, US_ASCII).startsWith("ready")) {
                transport.sendSignal(2);
            }
        }
    }

    @Test
    void sendSignalDeliversAnySignalTheChildHandles() throws Exception {
        String child = String.join("\n",
                "import os, signal, sys, time",
                "signal.signal(signal.SIGINT, lambda *_: (print('interrupted', flush=True), os._exit(5)))",
                "print('ready', flush=True)",
                "time.sleep(100)");
        runTest(loop -> {
            Interrupter protocol = start(loop, () -> new Interrupter(loop), PYTHON, "-c", child);
            loop.runUntilComplete(protocol.lost);
            assertEquals("ready\ninterrupted\n", protocol.stdout.toString());
            assertEquals(5, protocol.transport.getReturncode());
        });
    }

    @Test
    void theShellRunsTheCommandLine() throws Exception {
        runTest(loop -> {
            TransportAndProtocol<SubprocessTransport, TracingProtocol> made = loop.runUntilComplete(
                    subprocessShell(() -> new TracingProtocol(loop), "echo $((6 * 7)) | tr 4 x; exit 4"));
            loop.runUntilComplete(made.protocol().lost);
            assertEquals("x2\n", made.protocol().stdout.toString());
            assertEquals(4, made.transport().getReturncode());
            assertNull(made.transport().getExtraInfo("subprocess"), "the transport let the child go");
        });
    }
}
