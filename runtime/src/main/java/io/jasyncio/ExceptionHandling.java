// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A loop's exception handling, asyncio's {@code call_exception_handler} and
 * {@code default_exception_handler}: where the errors that no awaiter will see go. The loop
 * delegates to it; {@link EventLoop#setExceptionHandler} and the other public methods stay on the loop.
 */
final class ExceptionHandling {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private final EventLoop loop;

    /** The handler set by {@link EventLoop#setExceptionHandler}, or {@code null} for the default. */
    EventLoop.ExceptionHandler handler;

    /**
     * The failures of this loop's futures that nobody retrieved yet and that were not reported yet,
     * in the order they happened. Loop thread only.
     */
    final Set<NeverRetrievedReport> unretrievedReports = new LinkedHashSet<>();

    ExceptionHandling(EventLoop loop) {
        this.loop = loop;
    }

    /** {@link EventLoop#callExceptionHandler}: the handler, or the default one; if the handler throws, the default reports both. */
    void call(Map<String, Object> context) {
        EventLoop.ExceptionHandler custom = handler;
        if (custom == null) {
            try {
                loop.defaultExceptionHandler(context);
            } catch (Throwable failure) {
                if (Throwables.isFatal(failure)) {
                    throw (Error) failure;
                }
                LOGGER.log(Level.ERROR, "Exception in default exception handler", failure);
            }
            return;
        }
        try {
            custom.handle(loop, context);
        } catch (Throwable failure) {
            if (Throwables.isFatal(failure)) {
                throw (Error) failure;
            }
            Map<String, Object> handlerError = new LinkedHashMap<>();
            handlerError.put("message", "Unhandled error in exception handler");
            handlerError.put("exception", failure);
            handlerError.put("context", context);
            try {
                loop.defaultExceptionHandler(handlerError);
            } catch (Throwable defaultFailure) {
                if (Throwables.isFatal(defaultFailure)) {
                    throw (Error) defaultFailure;
                }
                LOGGER.log(Level.ERROR, "Exception in default exception handler while handling an unexpected error"
                        + " in custom exception handler", defaultFailure);
            }
        }
    }

    /**
     * Reports what a ready entry threw, as asyncio's {@code Handle._run} does: a fatal error goes up
     * and stops the loop, anything else goes to the exception handler and the loop goes on.
     */
    void callbackFailed(Object entry, Throwable failure) {
        if (Throwables.isFatal(failure)) {
            throw (Error) failure;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "Exception in callback " + describeCallback(entry));
        context.put("exception", failure);
        context.put("handle", entry);
        call(context);
    }

    /** What a ready entry runs, for messages: a handle's callback, or a future's turn. */
    private static String describeCallback(Object entry) {
        return entry instanceof Future<?> future ? future.describeTurn() : ((Handle) entry).describeCallback();
    }

    /** {@link EventLoop#defaultExceptionHandler}: logs at level ERROR, with the exception's stack trace. */
    static void logDefault(Map<String, Object> context) {
        LOGGER.log(Level.ERROR, describeError(context), context.get("exception") instanceof Throwable failure ? failure : null);
    }

    /** The text that the default exception handler logs above the stack trace. */
    static String describeError(Map<String, Object> context) {
        Object message = context.get("message");
        StringBuilder text = new StringBuilder(message != null ? message.toString() : "Unhandled exception in event loop");
        for (Map.Entry<String, Object> entry : new TreeMap<>(context).entrySet()) {
            if (!entry.getKey().equals("message") && !entry.getKey().equals("exception")) {
                text.append('\n').append(entry.getKey()).append(": ").append(entry.getValue());
            }
        }
        return text.toString();
    }

    /** The failures of the loop's futures that nobody retrieved yet, as the exception handler would receive them. */
    List<Map<String, Object>> unretrievedExceptions() {
        return unretrievedReports.stream().map(NeverRetrievedReport::context).toList();
    }
}
