// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.subprocess.Redirect.DEVNULL;
import static io.jasyncio.subprocess.Redirect.PIPE;
import static io.jasyncio.subprocess.Redirect.STDOUT;
import static io.jasyncio.subprocess.Subprocesses.createSubprocessExec;
import static io.jasyncio.subprocess.Subprocesses.createSubprocessShell;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio's {@code create_subprocess_exec} and its {@code Process}, woven, on real children: lines
 * read as they arrive, {@code communicate} with large outputs on both pipes at once, the ordering of
 * {@code wait()} against the pipes, cancellation, and a hundred children at once on one loop that
 * keeps running its other tasks.
 */
@Timeout(120)
class SubprocessTest extends LoopTestSupport {
    private static final SubprocessOptions PIPES = SubprocessOptions.PIPES;

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    private static String text(byte[] data) {
        return new String(data, US_ASCII);
    }

    @Async
    Coroutine<List<String>> linesAsTheyArrive() throws IOException {
        String child = "import time\nfor i in range(3):\n    print('line', i, flush=True)\n    time.sleep(0.1)";
        Subprocess process = await(createSubprocessExec(SubprocessOptions.DEFAULTS.withStdout(PIPE), "python3", "-c", child));
        assertNull(process.stdin(), "stdin is inherited");
        assertNull(process.stderr(), "stderr is inherited");
        List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = await(process.stdout().readline())).length > 0) {
            lines.add(text(line).strip() + (process.returncode() == null ? " (running)" : " (exited)"));
        }
        lines.add("exit " + await(process.await()));
        return result(lines);
    }

    @Test
    void linesArriveOneByOneWhileTheChildRuns() throws Exception {
        List<String> lines = runMainOnRealTime(linesAsTheyArrive());
        assertEquals(List.of("line 0 (running)", "line 1 (running)", "line 2 (running)", "exit 0"), lines);
    }

    @Async
    Coroutine<Subprocess.Output> communicateThroughCat() throws IOException {
        Subprocess process = await(createSubprocessShell("cat; echo to stderr >&2; exit 3", PIPES));
        Subprocess.Output output = await(process.communicate(bytes("to stdout\n")));
        assertEquals(3, process.returncode());
        return result(output);
    }

    @Test
    void communicateWritesTheInputClosesStdinAndReturnsBothOutputs() throws Exception {
        Subprocess.Output output = runMainOnRealTime(communicateThroughCat());
        assertEquals("to stdout\n", text(output.stdout()));
        assertEquals("to stderr\n", text(output.stderr()));
    }

    /**
     * The child copies its stdin to its stdout and its stderr, chunk by chunk, so that all three
     * pipes are full at once: a parent that wrote all its input before reading, or read one pipe to
     * its end before the other, would deadlock with it.
     */
    private static final String TEE_TO_BOTH = String.join("\n",
            "import sys",
            "while True:",
            "    chunk = sys.stdin.buffer.read1(65536)",
            "    if not chunk: break",
            "    sys.stdout.buffer.write(chunk); sys.stdout.flush()",
            "    sys.stderr.buffer.write(chunk); sys.stderr.flush()");

    @Async
    Coroutine<Subprocess.Output> communicateTenMegabytes(byte[] input) throws IOException {
        Subprocess process = await(createSubprocessExec(PIPES, "python3", "-c", TEE_TO_BOTH));
        Subprocess.Output output = await(process.communicate(input));
        assertEquals(0, process.returncode());
        return result(output);
    }

    @Test
    void communicateWithTenMegabytesOnStdinStdoutAndStderrAtOnceDoesNotDeadlock() throws Exception {
        byte[] input = new byte[10 << 20];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + (i >>> 16));
        }
        Subprocess.Output output = runMainOnRealTime(communicateTenMegabytes(input));
        assertArrayEquals(input, output.stdout());
        assertArrayEquals(input, output.stderr());
    }

    @Async
    Coroutine<List<String>> waitForExitAndPipes(List<String> trace) throws IOException {
        // The shell exits when told, but a grandchild holds stdout open half a second longer and writes to it.
        // The shell says "started" first and waits, so that a read of stdout is in flight when it exits: had
        // none been, the JDK would have taken what the pipe held and closed it at the exit, as asyncio does not.
        int readsBefore = blockedPipeReads();
        Subprocess process = await(createSubprocessShell("echo started; read go; (sleep 0.5; echo late) & exit 0", STDOUT_ONLY_READ));
        assertEquals("started\n", text(await(process.stdout().readline())));
        await(readOfStdoutBlocked(readsBefore));
        Task<Void> reader = createTask(readToTheEnd(process, trace));
        process.stdin().write(bytes("go\n"));
        int code = await(process.await());
        trace.add("wait returned " + code);
        await(reader);
        return result(trace);
    }

    @Async
    Coroutine<Void> readToTheEnd(Subprocess process, List<String> trace) throws IOException {
        byte[] line;
        while ((line = await(process.stdout().readline())).length > 0) {
            trace.add("read " + text(line).strip() + " exited=" + (process.returncode() != null));
        }
        trace.add("end of stdout");
        return result(null);
    }

    /** Pipes for stdin and stdout only, so that the one pipe read in flight is stdout's. */
    private static final SubprocessOptions STDOUT_ONLY_READ = PIPES.withStderr(DEVNULL);

    /**
     * Returns once a pipe thread more than {@code readsBefore} is inside the blocking read: only then
     * is a read in flight in the JDK's sense (it holds the stream's lock), which keeps the pipe open at
     * the child's exit. The transport starts the read at once, but a thread on a loaded machine may
     * take a while to get there.
     */
    @Async
    Coroutine<Void> readOfStdoutBlocked(int readsBefore) {
        while (blockedPipeReads() <= readsBefore) {
            await(sleep(0.01));
        }
        return result(null);
    }

    /** How many threads are in the native read under {@code ReadPipeTransport.blockingRead}. */
    private static int blockedPipeReads() {
        int blocked = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            boolean inRead = stack.length > 0 && stack[0].isNativeMethod();
            boolean ofAPipe = Arrays.stream(stack).anyMatch(frame ->
                    frame.getClassName().equals(ReadPipeTransport.class.getName()) && frame.getMethodName().equals("blockingRead"));
            if (inRead && ofAPipe) {
                blocked++;
            }
        }
        return blocked;
    }

    @Test
    void waitStartedBeforeTheExitReturnsOnceThePipesAreClosedToo() throws Exception {
        List<String> trace = runMainOnRealTime(waitForExitAndPipes(new ArrayList<>()));
        assertEquals(List.of("read late exited=true", "end of stdout", "wait returned 0"), trace);
    }

    @Async
    Coroutine<Boolean> waitAfterTheExit() throws IOException {
        // After "started", a read of stdout is in flight: the JDK then leaves the pipe open at the exit (see waitForExitAndPipes)
        int readsBefore = blockedPipeReads();
        Subprocess process = await(createSubprocessShell("echo started; read go; (sleep 1; echo late) & exit 5", STDOUT_ONLY_READ));
        assertEquals("started\n", text(await(process.stdout().readline())));
        await(readOfStdoutBlocked(readsBefore));
        process.stdin().write(bytes("go\n"));
        while (process.returncode() == null) {
            await(sleep(0.01));
        }
        Task<Integer> waiting = createTask(process.await());
        await(sleep(0)); // one iteration: the task runs its first step
        boolean doneAtOnce = waiting.done();
        assertEquals(5, await(waiting));
        assertEquals("late\n", text(await(process.stdout().read())), "the grandchild still held stdout");
        await(process.await());
        return result(doneAtOnce);
    }

    @Test
    void waitStartedAfterTheExitReturnsAtOnceThoughAPipeIsOpen() throws Exception {
        assertTrue(runMainOnRealTime(waitAfterTheExit()), "asyncio's _wait() returns the known return code");
    }

    @Async
    Coroutine<List<String>> cancelCommunicateThenWait() throws IOException {
        Subprocess process = await(createSubprocessExec(PIPES, "sleep", "100"));
        List<String> outcomes = new ArrayList<>();
        try {
            Task<Subprocess.Output> communicating = createTask(process.communicate());
            await(sleep(0.05));
            communicating.cancel();
            try {
                await(communicating);
            } catch (CancelledError expected) {
                outcomes.add("communicate cancelled, returncode " + process.returncode());
            }
            Task<Integer> waiting = createTask(process.await());
            await(sleep(0.05));
            waiting.cancel();
            try {
                await(waiting);
            } catch (CancelledError expected) {
                outcomes.add("wait cancelled, returncode " + process.returncode());
            }
        } finally {
            process.kill();
            outcomes.add("killed: " + await(process.await()));
        }
        return result(outcomes);
    }

    @Test
    void cancellingCommunicateOrWaitLeavesTheChildRunning() throws Exception {
        List<String> outcomes = runMainOnRealTime(cancelCommunicateThenWait());
        assertEquals(List.of("communicate cancelled, returncode null", "wait cancelled, returncode null",
                "killed: " + (128 + 9)), outcomes);
    }

    @Async
    Coroutine<List<String>> stderrToStdoutAndDevnull() throws IOException {
        Subprocess merged = await(createSubprocessShell("echo out; echo err >&2",
                SubprocessOptions.DEFAULTS.withStdout(PIPE).withStderr(STDOUT)));
        assertNull(merged.stderr());
        Subprocess.Output mergedOutput = await(merged.communicate());
        Subprocess silenced = await(createSubprocessShell("echo out; echo err >&2; read line; echo \"[$line]\"",
                SubprocessOptions.DEFAULTS.withStdin(DEVNULL).withStdout(PIPE).withStderr(DEVNULL)));
        Subprocess.Output silencedOutput = await(silenced.communicate());
        return result(List.of(text(mergedOutput.stdout()), text(silencedOutput.stdout()),
                String.valueOf(silencedOutput.stderr())));
    }

    @Test
    void stderrCanJoinStdoutAndStreamsCanGoToTheNullDevice() throws Exception {
        assertEquals(List.of("out\nerr\n", "out\n[]\n", "null"), runMainOnRealTime(stderrToStdoutAndDevnull()));
    }

    @Async
    Coroutine<Void> startMissingProgram() throws IOException {
        await(createSubprocessExec("/no/such/program"));
        return result(null);
    }

    @Test
    void aMissingProgramThrowsTheJdksIOException() {
        IOException failure = assertThrows(IOException.class, () -> runMainOnRealTime(startMissingProgram()));
        assertTrue(failure.getMessage().contains("No such file or directory"), failure.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // A hundred children at once

    private static final int CHILDREN = 100;

    private static final int LINES = 5;

    /** Between two lines of one child, in seconds: long beside the ticker's period, so a responsive loop ticks in between. */
    private static final String CHILD_LINE_GAP = "0.2";

    private int ticks;
    private double longestTickGap;
    private boolean stopTicking;

    @Async
    Coroutine<Void> ticker() {
        double last = io.jasyncio.EventLoop.getRunningLoop().time();
        while (!stopTicking) {
            await(sleep(0.001));
            double now = io.jasyncio.EventLoop.getRunningLoop().time();
            longestTickGap = Math.max(longestTickGap, now - last);
            last = now;
            ticks++;
        }
        return result(null);
    }

    /** Runs one child that prints {@link #LINES} lines, and returns the ticker's count at each line. */
    @Async
    Coroutine<int[]> tickCountAtEachLine(int child) throws IOException {
        Subprocess process = await(createSubprocessShell(
                "for i in 1 2 3 4 5; do echo child " + child + " line $i; sleep " + CHILD_LINE_GAP + "; done", PIPES));
        int[] counts = new int[LINES];
        for (int i = 0; i < LINES; i++) {
            assertEquals("child " + child + " line " + (i + 1) + "\n", text(await(process.stdout().readline())));
            counts[i] = ticks;
        }
        assertEquals(0, await(process.communicate()).stdout().length);
        assertEquals(0, process.returncode());
        return result(counts);
    }

    @Async
    Coroutine<List<int[]>> hundredChildren() throws IOException {
        await(tickCountAtEachLine(-1)); // loads the classes first, so that the measured gaps are the children's
        Task<Void> ticking = createTask(ticker());
        List<Coroutine<int[]>> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            children.add(tickCountAtEachLine(i));
        }
        List<int[]> counts = await(gather(children));
        stopTicking = true;
        await(ticking);
        return result(counts);
    }

    @Test
    void aHundredChildrenAtOnceLeaveTheLoopFreeToRunItsOtherTasks() throws Exception {
        int threadsBefore = PipeThreads.threadCount();
        List<int[]> counts = runMainOnRealTime(hundredChildren());
        // A loop that blocked on a child's pipe would tick never while the children run. (Between two
        // lines it may not have ticked: a pipe whose first read waited for its thread to start holds
        // several lines at once.)
        for (int[] child : counts) {
            assertTrue(child[LINES - 1] > child[0], "the ticker ticked while a child printed its lines: " + Arrays.toString(child));
        }
        System.out.printf("%d children, %d lines each: %d ticks of 1 ms, longest gap between ticks %.1f ms, pipe threads %d before, %d after%n",
                CHILDREN, LINES, ticks, longestTickGap * 1000, threadsBefore, PipeThreads.threadCount());
    }

    private <T> T runMainOnRealTime(Coroutine<T> main) throws Exception {
        List<T> result = new ArrayList<>(1);
        runTest(Clock.system(), loop -> result.add(loop.runUntilComplete(main)));
        return result.get(0);
    }
}
