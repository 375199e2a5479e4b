// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.failCheckedLater;
import static io.jasyncio.weaver.box.Suspend.failLater;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * try/catch/finally around awaits: exceptions of awaited coroutines caught by type, as thrown (not
 * wrapped), checked ones too; awaits in try, catch and finally; return from try with an awaiting
 * finally; nested three deep.
 */
public class TryCatchBox {
    static final class Marker extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Marker(String message) {
            super(message);
        }
    }

    @Async
    static Coroutine<String> returnFromTry(StringBuilder trace) {
        try {
            return result(await(later("try")));
        } finally {
            trace.append(await(later("finally;")));
        }
    }

    @Async
    public static Coroutine<String> box() {
        StringBuilder trace = new StringBuilder();
        Marker thrown = new Marker("m");
        try {
            await(failLater(thrown));
            trace.append("unreached;");
        } catch (Marker caught) {
            trace.append(caught == thrown ? "same;" : "wrapped;");
            trace.append(await(later("catch;")));
        } finally {
            trace.append(await(later("finally;")));
        }
        try {
            await(failCheckedLater("checked"));
        } catch (Exception checked) {
            trace.append(checked.getMessage()).append(';');
        }
        trace.append(await(returnFromTry(trace))).append(';');
        int depth = 0;
        try {
            depth++;
            try {
                depth++;
                try {
                    depth++;
                    await(failLater(new IllegalArgumentException("deep")));
                } finally {
                    trace.append(await(later("f3;")));
                }
            } catch (IllegalStateException wrongType) {
                trace.append("wrong;");
            } finally {
                trace.append(await(later("f2;")));
            }
        } catch (IllegalArgumentException right) {
            trace.append(right.getMessage()).append(depth).append(';');
        }
        String expected = "same;catch;finally;checked;finally;try;f3;f2;deep3;";
        return result(trace.toString().equals(expected) ? "OK" : trace.toString());
    }
}
