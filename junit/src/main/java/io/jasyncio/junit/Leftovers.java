// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopDiagnostics;
import io.jasyncio.Task;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link LeakCheck}s of one test's loop: what the test left behind once its coroutines ended,
 * collected into one failure, and then cleared (tasks cancelled and awaited, channels closed), so
 * that closing the loop loses nothing silently. It is the loop's exception handler from the start.
 */
final class Leftovers {
    private final EventLoop loop;

    private final TestOptions options;

    /** What reached the exception handler, in order; with the check skipped, it goes to the default handler. */
    private final List<Map<String, Object>> reported = new ArrayList<>();

    private final List<String> problems = new ArrayList<>();

    private final List<Throwable> causes = new ArrayList<>();

    Leftovers(EventLoop loop, TestOptions options) {
        this.loop = loop;
        this.options = options;
        loop.setExceptionHandler((reporter, context) -> {
            if (options.checks(LeakCheck.EXCEPTION_HANDLER)) {
                reported.add(context);
            } else {
                reporter.defaultExceptionHandler(context);
            }
        });
    }

    /**
     * Checks what the test left, cancels its pending tasks and runs the loop until they end; returns
     * the failure that lists every problem (its cause the first exception among them, the others
     * suppressed), or {@code null}.
     */
    AssertionError checkAndClear(String testName) {
        if (options.checks(LeakCheck.READY_CALLBACKS)) {
            List<String> ready = LoopDiagnostics.readyCallbacks(loop);
            if (!ready.isEmpty()) {
                add(LeakCheck.READY_CALLBACKS, ready.size() + " callback(s) scheduled and never run: " + String.join(", ", ready), null);
            }
        }
        Set<Task<?>> pending = LoopDiagnostics.pendingTasks(loop);
        if (!pending.isEmpty()) {
            if (options.checks(LeakCheck.PENDING_TASKS)) {
                add(LeakCheck.PENDING_TASKS, describePending(pending), null);
            }
            cancelAndAwait(pending);
        }
        if (options.checks(LeakCheck.UNRETRIEVED_EXCEPTIONS)) {
            for (Map<String, Object> report : LoopDiagnostics.unretrievedExceptions(loop)) {
                add(LeakCheck.UNRETRIEVED_EXCEPTIONS, report.get("message") + ": " + report.get("future"),
                        (Throwable) report.get("exception"));
            }
        }
        for (Map<String, Object> context : reported) {
            add(LeakCheck.EXCEPTION_HANDLER, "reported to the loop's exception handler: " + describe(context),
                    context.get("exception") instanceof Throwable exception ? exception : null);
        }
        if (options.checks(LeakCheck.OPEN_CHANNELS)) {
            List<SelectableChannel> open = LoopDiagnostics.openChannels(loop);
            if (!open.isEmpty()) {
                add(LeakCheck.OPEN_CHANNELS, open.size() + " channel(s) left open (a server or a connection not closed): "
                        + open.stream().map(Leftovers::describe).toList(), null);
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder(testName).append(" left work behind:");
        problems.forEach(problem -> message.append("\n- ").append(problem));
        AssertionError failure = new AssertionError(message.toString(), causes.isEmpty() ? null : causes.get(0));
        causes.stream().skip(1).forEach(failure::addSuppressed);
        return failure;
    }

    /** Closes the channels still open on the loop, which closing the loop leaves open. */
    void closeChannels() {
        for (SelectableChannel channel : LoopDiagnostics.openChannels(loop)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the test has failed already if it left the channel open
            }
        }
    }

    /** Adds {@code problem}, its first line tagged with the check that found it, so that the reader knows what to skip. */
    private void add(LeakCheck check, String problem, Throwable cause) {
        int firstLineEnd = problem.indexOf('\n');
        String tag = " [LeakCheck." + check + "]";
        problems.add(firstLineEnd < 0 ? problem + tag : problem.substring(0, firstLineEnd) + tag + problem.substring(firstLineEnd));
        if (cause != null) {
            causes.add(cause);
        }
    }

    /** Each task as its {@code toString()}, then where it waits, one frame a line. */
    private static String describePending(Set<Task<?>> pending) {
        StringBuilder text = new StringBuilder().append(pending.size()).append(" task(s) still pending, cancelled now:");
        for (Task<?> task : pending) {
            text.append("\n    ").append(task);
            for (StackTraceElement frame : task.getStack()) {
                text.append("\n        at ").append(frame);
            }
        }
        return text.toString();
    }

    /** Cancels {@code pending} and lets them end, as {@code asyncio.run} does on its way out. */
    private void cancelAndAwait(Set<Task<?>> pending) {
        pending.forEach(Task::cancel);
        try {
            loop.runUntilComplete(Asyncio.<Object>gather(true, pending.toArray(new Awaitable<?>[0])));
        } catch (RuntimeException | Error stuck) {
            problems.add("the pending tasks did not end once cancelled: " + stuck);
            causes.add(stuck);
        }
    }

    /** A channel by what it is and its addresses, the same on every JDK (their {@code toString()}s differ). */
    private static String describe(SelectableChannel channel) {
        try {
            if (channel instanceof ServerSocketChannel server) {
                return "server socket listening on " + server.getLocalAddress();
            }
            if (channel instanceof SocketChannel socket) {
                return "connection from " + socket.getLocalAddress() + " to " + socket.getRemoteAddress();
            }
        } catch (IOException closedMeanwhile) {
            // fall back to the channel's own description
        }
        return channel.toString();
    }

    /** A report to the exception handler in one line: its message, then its other keys. */
    private static String describe(Map<String, Object> context) {
        StringBuilder text = new StringBuilder(String.valueOf(context.getOrDefault("message", "Unhandled exception in event loop")));
        context.forEach((key, value) -> {
            if (!key.equals("message") && !key.equals("exception")) {
                text.append(", ").append(key).append(": ").append(value);
            }
        });
        return text.toString();
    }
}
