// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher of the samples jar, woven at build time (by the processor as javac writes it): {@code java -jar
 * jasyncio-samples.jar NAME} runs the sample called NAME, and without a name it lists the samples.
 */
public final class Samples {
    /** The exit status for an unknown sample name, as for a command-line usage error. */
    static final int USAGE = 2;

    /** Every sample, in the order of the list. */
    static final List<Sample> ALL = List.of(
            new Sample("hello", "the README's first example: two tasks greet concurrently",
                    HelloWorld::main),
            new Sample("sequential", "01: awaiting coroutines one after another is sequential (2 s)",
                    SequentialAwait::main),
            new Sample("concurrent", "02: two tasks created up front run concurrently (1 s)",
                    ConcurrentTasks::main),
            new Sample("interleave", "03: two tasks that await sleep(0) interleave one step at a time",
                    Sleep0Interleave::main),
            new Sample("starvation", "04: a task that never awaits starves other tasks and due timers",
                    StarvationNoAwait::main),
            new Sample("create-task-order", "05: tasks start in creation order, once their creator yields",
                    CreateTaskStartOrder::main),
            new Sample("await-inline", "06: awaiting a coroutine runs it inline in the awaiting task",
                    AwaitCoroutineInline::main),
            new Sample("iterations", "07: how many loop iterations each kind of await costs",
                    AwaitTaskVsCoroutine::main),
            new Sample("task-results", "08: every awaiter of a task gets the same result or exception",
                    TaskReturnValues::main),
            new Sample("gather-order", "10: gather() returns results in argument order; a duplicate runs once",
                    GatherOrder::main),
            new Sample("gather-exception", "11: the first failure of a gather reaches its awaiter; siblings go on",
                    GatherException::main),
            new Sample("cancel-sleep", "14: a cancelled sleeping task runs its finally blocks, which may await",
                    CancelSleepFinally::main),
            new Sample("cancel-not-started", "15: a task cancelled before its first step runs none of its body",
                    CancelNotStarted::main),
            new Sample("wait-for-timeout", "20: waitFor() cancels the late awaitable and waits for its cleanup",
                    WaitForTimeout::main),
            new Sample("timeout-block", "22: timeout() turns the deadline's CancelledError into TimeoutException",
                    TimeoutBlock::main),
            new Sample("taskgroup-basic", "27: taskGroup() waits for every task of the group",
                    TaskGroupBasic::main),
            new Sample("queue-producer-consumer", "31: a bounded queue between a producer and a consumer",
                    QueueProducerConsumer::main),
            new Sample("lock-fairness", "33: tasks acquire a lock in the order they asked for it",
                    LockFairness::main),
            new Sample("event", "34: an event wakes every waiter in wait order",
                    EventWakeups::main),
            new Sample("call-soon-order", "37: an iteration runs, in FIFO order, the callbacks ready when it began",
                    CallSoonOrder::main),
            new Sample("call-later-order", "38: timers run in deadline order, behind the callbacks already ready",
                    CallLaterOrdering::main),
            new Sample("future-callbacks", "39: done callbacks are scheduled in registration order, never run inline",
                    FutureCallbacks::main),
            new Sample("streams-echo", "43: an echo server and client over loopback streams: lines, exact reads, EOF",
                    StreamsEcho::main),
            new Sample("copy-context", "66: copyContext, Context.run, and tasks and callbacks given a context run in it",
                    CopyContext::main),
            new Sample("asyncgen-aclose", "60: closing an async generator runs its finally blocks, which may await",
                    AsyncGenAcloseFinally::main),
            new Sample("asyncgen-athrow", "61: athrow() throws into an async generator at its suspended emit",
                    AsyncGenAthrow::main),
            new Sample("asyncgen-asend", "62: asend() hands a value to the suspended emit of an async generator",
                    AsyncGenAsend::main),
            new Sample("asyncgen-shutdown", "63: run() closes the async generators left suspended, after the tasks left",
                    AsyncGenShutdown::main),
            new Sample("asyncgen-abandoned", "64: a generator left by a break stays suspended until run() closes it",
                    AsyncGenAbandoned::main),
            new Sample("stream-lines", "65: iterating over a stream's lines, as async for over a StreamReader",
                    AsyncIterationStreamLines::main),
            new Sample("echo-server", "an echo server: echo-server [--tls CERT.pem KEY.pem] [host] [port], 127.0.0.1 8888 by default",
                    EchoServer::main),
            new Sample("echo-client", "the echo server's client: echo-client [--tls CA.pem] [host] [port] sends lines, prints the echoes",
                    EchoClient::main),
            new Sample("echo-every-core", "an echo server on every core: echo-every-core [port], 8888 by default",
                    EchoEveryCore::main),
            new Sample("protocol-echo", "the README's transports example: an echo server and client as asyncio protocols",
                    ProtocolEcho::main),
            new Sample("connection-errors", "a client catches a refused connection and a reset connection by type",
                    ConnectionErrors::main),
            new Sample("subprocess", "a Python child prints a line every 0.3 s; each is read and printed as it arrives",
                    SubprocessLines::main),
            new Sample("graceful-shutdown", "a server that on SIGTERM stops accepting, lets requests in progress reply, and exits",
                    GracefulShutdown::main),
            new Sample("ctrl-c", "Ctrl-C cancels run()'s main task, which cleans up; ctrl-c stubborn ignores the first",
                    CtrlC::main),
            new Sample("task-tree", "albums of tracks that play for an hour: prints its PID for jasyncio-agent.jar ps|pstree PID",
                    TaskTree::main));

    private Samples() {
    }

    /**
     * Lists the samples with no argument, runs the named sample with the remaining arguments, and
     * exits with status 2 after listing the samples on standard error for an unknown name.
     */
    public static void main(String[] args) throws IOException {
        int status = launch(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #main} without the exit: returns the exit status. */
    static int launch(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            list(out);
            return 0;
        }
        for (Sample sample : ALL) {
            if (sample.name().equals(args[0])) {
                sample.main().main(Arrays.copyOfRange(args, 1, args.length));
                return 0;
            }
        }
        err.println("unknown sample: " + args[0]);
        list(err);
        return USAGE;
    }

    private static void list(PrintStream out) {
        out.println("usage: java -jar jasyncio-samples.jar NAME");
        out.println("samples:");
        int width = ALL.stream().mapToInt(sample -> sample.name().length()).max().orElse(0);
        for (Sample sample : ALL) {
            out.printf("  %-" + width + "s  %s%n", sample.name(), sample.description());
        }
    }

    /**
     * A runnable sample.
     *
     * @param name the name that selects it on the command line
     * @param description what it shows, in one line
     * @param main its {@code main(String[])}
     */
    record Sample(String name, String description, Main main) {
    }

    /** A sample's {@code main(String[])}: a network sample's throws the {@link IOException} it does not catch. */
    @FunctionalInterface
    interface Main {
        /** Runs the sample with its command-line arguments. */
        void main(String[] args) throws IOException;
    }
}
