// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.weaver.box.Suspend.failLater;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.AsyncCloseable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.Arrays;

/**
 * try-with-resources of {@link AsyncCloseable} resources in woven code: {@code aclose()} is awaited on
 * every exit, in reverse order, with Java's suppressed exceptions; a cancellation while closing
 * propagates; other resources close as before.
 */
public class AsyncResourcesBox {
    /** A resource whose {@code aclose()} suspends, then may wait long or fail. */
    static final class Resource implements AsyncCloseable {
        private final String name;
        private final StringBuilder trace;
        private final RuntimeException closeFailure;
        private final boolean slowClose;

        Resource(String name, StringBuilder trace) {
            this(name, trace, null, false);
        }

        Resource(String name, StringBuilder trace, RuntimeException closeFailure, boolean slowClose) {
            this.name = name;
            this.trace = trace;
            this.closeFailure = closeFailure;
            this.slowClose = slowClose;
            trace.append("open ").append(name).append(';');
        }

        @Override
        public Coroutine<Void> aclose() {
            return closing();
        }

        @Async
        private Coroutine<Void> closing() {
            trace.append("closing ").append(name).append(';');
            await(later(null));
            if (slowClose) {
                await(sleep(10));
            }
            trace.append("closed ").append(name).append(';');
            if (closeFailure != null) {
                throw closeFailure;
            }
            return result(null);
        }
    }

    /** A plain resource, closed by {@code close()}. */
    static final class Plain implements AutoCloseable {
        private final StringBuilder trace;

        Plain(StringBuilder trace) {
            this.trace = trace;
        }

        @Override
        public void close() {
            trace.append("close plain;");
        }
    }

    @Async
    public static Coroutine<String> box() {
        String[] checks = {
            await(normalExitsInReverseOrder()),
            await(returnInsideTheBody()),
            await(bodyThrows()),
            await(acloseThrows()),
            await(bothThrow()),
            await(breakAndContinue()),
            await(nullResourceIsNotClosed()),
            await(explicitCloseIsNotRewritten()),
            await(cancelledWhileClosing(false)),
            await(cancelledWhileClosing(true)),
        };
        for (String check : checks) {
            if (!check.equals("OK")) {
                return result(Arrays.toString(checks));
            }
        }
        return result("OK");
    }

    private static String expect(StringBuilder trace, String expected) {
        return trace.toString().equals(expected) ? "OK" : "got " + trace + " expected " + expected;
    }

    @Async
    static Coroutine<String> normalExitsInReverseOrder() {
        StringBuilder trace = new StringBuilder();
        try (Resource a = new Resource(await(later("a")), trace); Plain p = new Plain(trace); Resource b = new Resource("b", trace)) {
            trace.append(await(later("body;")));
        }
        return result(expect(trace, "open a;open b;body;closing b;closed b;close plain;closing a;closed a;"));
    }

    @Async
    static Coroutine<String> returnInsideTheBody() {
        StringBuilder trace = new StringBuilder();
        String returned = await(returning(trace));
        trace.append(returned);
        return result(expect(trace, "open r;closing r;closed r;returned"));
    }

    @Async
    private static Coroutine<String> returning(StringBuilder trace) {
        try (Resource r = new Resource("r", trace)) {
            return result(await(later("returned")));
        }
    }

    @Async
    static Coroutine<String> bodyThrows() {
        StringBuilder trace = new StringBuilder();
        try (Resource r = new Resource("r", trace)) {
            await(failLater(new IllegalStateException("body")));
        } catch (IllegalStateException expected) {
            trace.append("caught ").append(expected.getMessage()).append(" suppressed ")
                    .append(expected.getSuppressed().length).append(';');
        }
        return result(expect(trace, "open r;closing r;closed r;caught body suppressed 0;"));
    }

    @Async
    static Coroutine<String> acloseThrows() {
        StringBuilder trace = new StringBuilder();
        try (Resource r = new Resource("r", trace, new IllegalArgumentException("aclose"), false)) {
            trace.append("body;");
        } catch (IllegalArgumentException expected) {
            trace.append("caught ").append(expected.getMessage()).append(';');
        }
        return result(expect(trace, "open r;body;closing r;closed r;caught aclose;"));
    }

    @Async
    static Coroutine<String> bothThrow() {
        StringBuilder trace = new StringBuilder();
        IllegalArgumentException closeFailure = new IllegalArgumentException("aclose");
        try (Resource r = new Resource("r", trace, closeFailure, false)) {
            await(failLater(new IllegalStateException("body")));
        } catch (IllegalStateException expected) {
            trace.append("caught ").append(expected.getMessage()).append(" suppressed ")
                    .append(expected.getSuppressed()[0] == closeFailure ? "aclose" : "?").append(';');
        }
        return result(expect(trace, "open r;closing r;closed r;caught body suppressed aclose;"));
    }

    @Async
    static Coroutine<String> breakAndContinue() {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try (Resource r = new Resource("r" + i, trace)) {
                if (i == 0) {
                    continue;
                }
                if (i == 1) {
                    break;
                }
            }
        }
        return result(expect(trace, "open r0;closing r0;closed r0;open r1;closing r1;closed r1;"));
    }

    @Async
    static Coroutine<String> nullResourceIsNotClosed() {
        StringBuilder trace = new StringBuilder();
        try (Resource absent = nothing()) {
            trace.append(await(later("body;")));
        }
        return result(expect(trace, "body;"));
    }

    private static Resource nothing() {
        return null;
    }

    @Async
    static Coroutine<String> explicitCloseIsNotRewritten() {
        StringBuilder trace = new StringBuilder();
        try (Resource r = new Resource("r", trace)) {
            r.close();
        } catch (IllegalStateException closedWithoutAwait) {
            trace.append("explicit close refused;");
        }
        return result(expect(trace, "open r;closing r;closed r;explicit close refused;"));
    }

    /**
     * A task cancelled while it awaits {@code aclose()} ends cancelled, whether the body ended normally
     * or threw: the body's exception is then suppressed in the {@code CancelledError}.
     */
    @Async
    static Coroutine<String> cancelledWhileClosing(boolean bodyThrows) {
        StringBuilder trace = new StringBuilder();
        Task<Void> task = createTask(slowlyClosed(trace, bodyThrows));
        await(sleep(0));
        await(sleep(0));
        trace.append("cancel;");
        task.cancel();
        try {
            await(task);
        } catch (CancelledError cancelled) {
            trace.append("cancelled, suppressed ").append(cancelled.getSuppressed().length == 1
                    ? cancelled.getSuppressed()[0].getMessage() : "nothing").append(';');
        }
        return result(expect(trace, "open r;closing r;cancel;cancelled, suppressed " + (bodyThrows ? "body" : "nothing") + ";"));
    }

    @Async
    private static Coroutine<Void> slowlyClosed(StringBuilder trace, boolean bodyThrows) {
        try (Resource r = new Resource("r", trace, null, true)) {
            if (bodyThrows) {
                throw new IllegalStateException("body");
            }
        }
        return result(null);
    }
}
