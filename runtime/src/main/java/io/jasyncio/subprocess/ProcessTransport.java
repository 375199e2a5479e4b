// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.BaseTransport;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A child process and its pipes, asyncio's {@code BaseSubprocessTransport} with
 * {@code _UnixSubprocessTransport}: it connects a {@link ReadPipeTransport} to its
 * stdout and stderr and a {@link WritePipeTransport} to its stdin where they are pipes, and passes
 * what they report to the {@link SubprocessProtocol}, in asyncio's order.
 *
 * <p>The child's exit comes from the JDK's own reaper ({@link Process#onExit()}), through
 * {@code callSoonThreadsafe} and then {@code callSoon}, as asyncio's child watcher skips one
 * iteration. Calls to the protocol made before its {@code connectionMade} wait in a list and follow
 * it. The transport is finished once the child has exited and every pipe is closed: then the
 * protocol's {@code connectionLost(null)} is called, and the tasks waiting in {@link #waitForExit()}
 * receive the return code. Loop thread only.
 */
final class ProcessTransport implements SubprocessTransport {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private final EventLoop loop;
    private SubprocessProtocol protocol;

    /** The child; {@code null} once the transport is finished. */
    private Process process;

    private final long pid;
    private Integer returncode;
    private boolean closed;
    private boolean finished;

    /** The futures of the tasks waiting in {@link #waitForExit()}; {@code null} once finished. */
    private List<Future<Integer>> exitWaiters = new ArrayList<>();

    /** The protocol calls made before its {@code connectionMade}; {@code null} from then on. */
    private List<Runnable> pendingCalls = new ArrayList<>();

    /** The pipes' protocols by the child's descriptor number, for the streams that are pipes. */
    private final Map<Integer, PipeProtocol> pipes = new TreeMap<>();

    /**
     * Completed once the transport is finished: awaited by the loop as work outside it, so that a loop
     * on virtual time waits for the child at real speed rather than skipping ahead or giving up.
     */
    private final CompletableFuture<Void> finishedOutside = new CompletableFuture<>();

    /** What the child runs, for {@code toString()} and the debug log. */
    private final String program;

    private ProcessTransport(EventLoop loop, SubprocessProtocol protocol, Process process, String program) {
        this.loop = loop;
        this.protocol = protocol;
        this.process = process;
        this.pid = process.pid();
        this.program = program;
    }

    /**
     * The transport of {@code process}, just started by {@code builder}, for {@code protocol};
     * {@code connected} is completed once the pipes are connected and the protocol's
     * {@code connectionMade} is scheduled.
     */
    static ProcessTransport connect(EventLoop loop, SubprocessProtocol protocol, ProcessBuilder builder, Process process,
            Future<Void> connected) {
        String program = builder.command().get(0);
        ProcessTransport transport = new ProcessTransport(loop, protocol, process, program);
        if (loop.getDebug()) {
            LOGGER.log(Level.DEBUG, "process " + program + " created: pid " + transport.pid);
        }
        transport.connectPipes(builder, connected);
        process.onExit().whenComplete((exited, failure) -> transport.exitedOutside(exited, failure));
        Asyncio.wrapFuture(transport.finishedOutside);
        return transport;
    }

    /** asyncio's {@code _connect_pipes}: a transport for each pipe, then the protocol's {@code connectionMade}. */
    private void connectPipes(ProcessBuilder builder, Future<Void> connected) {
        if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
            new WritePipeTransport(loop, process.getOutputStream(), pipe(0));
        }
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            new ReadPipeTransport(loop, process.getInputStream(), "stdout", pipe(1));
        }
        if (!builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
            new ReadPipeTransport(loop, process.getErrorStream(), "stderr", pipe(2));
        }
        loop.callSoon(() -> {
            loop.callSoon(() -> protocol.connectionMade(this));
            for (Runnable call : pendingCalls) {
                loop.callSoon(call);
            }
            pendingCalls = null;
            if (!connected.cancelled()) {
                connected.setResult(null);
            }
        });
    }

    private PipeProtocol pipe(int fd) {
        PipeProtocol pipe = new PipeProtocol(this, fd);
        pipes.put(fd, pipe);
        return pipe;
    }

    /** On the JDK's reaper thread: the child exited; the loop learns of it in the iteration after next. */
    private void exitedOutside(Process exited, Throwable failure) {
        int code = failure == null ? exited.exitValue() : -1;
        try {
            loop.callSoonThreadsafe(() -> loop.callSoon(() -> processExited(code)));
        } catch (IllegalStateException loopClosed) {
            // nobody is left to tell
        }
    }

    /** Runs {@code call} after the protocol's {@code connectionMade}: now if it was made, else after it, asyncio's {@code _call}. */
    private void call(Runnable call) {
        if (pendingCalls != null) {
            pendingCalls.add(call);
        } else {
            loop.callSoon(call);
        }
    }

    void pipeDataReceived(int fd, byte[] data) {
        call(() -> protocol.pipeDataReceived(fd, data));
    }

    void pipeConnectionLost(int fd, Exception failure) {
        call(() -> protocol.pipeConnectionLost(fd, failure));
        tryFinish();
    }

    private void processExited(int code) {
        if (loop.getDebug()) {
            LOGGER.log(Level.INFO, this + " exited with return code " + code);
        }
        returncode = code;
        PipeProtocol stdin = pipes.get(0);
        if (stdin != null && !stdin.disconnected) {
            ((WritePipeTransport) stdin.pipe).peerClosed();
        }
        call(() -> protocol.processExited());
        tryFinish();
    }

    /** Finishes the transport once the child exited and every pipe is closed, asyncio's {@code _try_finish}. */
    private void tryFinish() {
        if (returncode == null || finished) {
            return;
        }
        for (PipeProtocol pipe : pipes.values()) {
            if (!pipe.disconnected) {
                return;
            }
        }
        finished = true;
        call(this::connectionLost);
    }

    /** Tells the protocol, then wakes the tasks in {@link #waitForExit()}, asyncio's {@code _call_connection_lost}. */
    private void connectionLost() {
        try {
            protocol.connectionLost(null);
        } finally {
            for (Future<Integer> waiter : exitWaiters) {
                if (!waiter.cancelled()) {
                    waiter.setResult(returncode);
                }
            }
            exitWaiters = null;
            process = null;
            protocol = null;
            finishedOutside.complete(null);
        }
    }

    /**
     * A future of the return code, asyncio's {@code _wait()}: done at once if the child's exit is
     * known, else once the transport is finished (the child exited and every pipe closed).
     */
    Future<Integer> waitForExit() {
        Future<Integer> waiter = loop.createFuture();
        if (returncode != null) {
            waiter.setResult(returncode);
        } else {
            exitWaiters.add(waiter);
        }
        return waiter;
    }

    /** Whether the transport is finished: the child exited, every pipe closed, and {@code connectionLost} is scheduled or ran. */
    boolean finished() {
        return finished;
    }

    EventLoop loop() {
        return loop;
    }

    @Override
    public long getPid() {
        return pid;
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        PipeProtocol pipe = pipes.get(fd);
        return pipe == null ? null : pipe.pipe;
    }

    @Override
    public void sendSignal(int signal) {
        Process child = checkProcess();
        if (!child.isAlive()) {
            return; // exited: the pid may be another process's by now
        }
        Signals.send(child, signal);
    }

    @Override
    public void terminate() {
        Process child = checkProcess();
        if (child.isAlive()) {
            child.destroy();
        }
    }

    @Override
    public void kill() {
        Process child = checkProcess();
        if (child.isAlive()) {
            child.destroyForcibly();
        }
    }

    private Process checkProcess() {
        if (process == null) {
            throw new ProcessLookupException("the transport is done with process " + pid);
        }
        return process;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "subprocess".equals(name) && process != null ? process : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Closes the pipes and kills the child if it still runs, asyncio's {@code close()}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PipeProtocol pipe : pipes.values()) {
            pipe.pipe.close();
        }
        if (process != null && returncode == null && process.isAlive()) {
            if (loop.getDebug()) {
                LOGGER.log(Level.WARNING, "Close running child process: kill " + this);
            }
            process.destroyForcibly();
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        if (!(protocol instanceof SubprocessProtocol subprocessProtocol)) {
            throw new IllegalArgumentException("a subprocess transport needs a SubprocessProtocol, not " + protocol);
        }
        this.protocol = subprocessProtocol;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SubprocessTransport[");
        if (closed) {
            text.append("closed ");
        }
        text.append("pid=").append(pid);
        text.append(returncode != null ? " returncode=" + returncode : " running");
        for (PipeProtocol pipe : pipes.values()) {
            text.append(' ').append(pipe.fd == 0 ? "stdin" : pipe.fd == 1 ? "stdout" : "stderr").append('=')
                    .append(pipe.pipe);
        }
        return text.append(" program=").append(program).append(']').toString();
    }
}
