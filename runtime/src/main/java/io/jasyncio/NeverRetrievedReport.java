// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * asyncio's "Task exception was never retrieved": the report made when a future that failed becomes
 * unreachable and nobody asked for its exception.
 *
 * <p>CPython reports from {@code Future.__del__}, as soon as the last reference goes. Java has no
 * such moment, so a report is registered with a {@link Cleaner} when the future fails, and runs when
 * the garbage collector finds the future unreachable. It holds what the report says (the exception
 * and the future's description) but never the future itself, which would keep it reachable. Reading
 * the exception ({@code result()}, {@code exception()}, awaiting it) or cancelling the future marks it
 * retrieved and unregisters the report at once, so retrieved failures cost the collector nothing.
 *
 * <p>The report goes to the future's loop's exception handler, on the loop's thread through
 * {@code callSoonThreadsafe}, if the loop is open; otherwise it is logged. The loop also lists the
 * reports still pending, which the tests read to fail on a failure that nobody saw.
 */
final class NeverRetrievedReport implements Runnable {
    private final EventLoop loop;
    private final Throwable exception;

    /** {@code "Task exception was never retrieved"} or {@code "Future exception was never retrieved"}. */
    private final String message;

    /** The future as it was when it failed. */
    private final String future;

    private final Cleaner.Cleanable cleanable;

    /** Set on the loop's thread when the exception is retrieved; read by the cleaner's thread. */
    private volatile boolean retrieved;

    private NeverRetrievedReport(Future<?> failed, Throwable exception) {
        this.loop = failed.loop;
        this.exception = exception;
        this.message = (failed instanceof Task ? "Task" : "Future") + " exception was never retrieved";
        this.future = failed.toString();
        this.cleanable = Cleaners.CLEANER.register(failed, this);
    }

    /** Registers the report for {@code failed}, which just failed with {@code exception}. Loop thread. */
    static NeverRetrievedReport register(Future<?> failed, Throwable exception) {
        NeverRetrievedReport report = new NeverRetrievedReport(failed, exception);
        failed.loop.errors.unretrievedReports.add(report);
        return report;
    }

    /** The exception was retrieved: there is nothing to report. Loop thread. */
    void retrieved() {
        retrieved = true;
        loop.errors.unretrievedReports.remove(this);
        cleanable.clean();
    }

    /** Reports, unless the exception was retrieved; called by the cleaner once the future is unreachable. */
    @Override
    public void run() {
        if (retrieved) {
            return;
        }
        if (!loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(this::reportOnTheLoop);
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // fall through to the log
            }
        }
        loop.defaultExceptionHandler(context());
    }

    private void reportOnTheLoop() {
        if (loop.errors.unretrievedReports.remove(this)) {
            loop.callExceptionHandler(context());
        }
    }

    /** What the exception handler receives, with asyncio's keys. */
    Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", exception);
        context.put("future", future);
        return context;
    }

    @Override
    public String toString() {
        return message + ": " + future;
    }
}
