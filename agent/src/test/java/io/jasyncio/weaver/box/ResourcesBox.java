// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.failLater;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** try-with-resources around awaits: resources close in reverse order, also when an await throws. */
public class ResourcesBox {
    static final class Resource implements AutoCloseable {
        private final String name;
        private final StringBuilder trace;

        Resource(String name, StringBuilder trace) {
            this.name = name;
            this.trace = trace;
            trace.append("open ").append(name).append(';');
        }

        @Override
        public void close() {
            trace.append("close ").append(name).append(';');
        }
    }

    @Async
    public static Coroutine<String> box() {
        StringBuilder trace = new StringBuilder();
        try (Resource first = new Resource(await(later("a")), trace); Resource second = new Resource("b", trace)) {
            trace.append(await(later("body;")));
        }
        try (Resource third = new Resource("c", trace)) {
            await(failLater(new IllegalStateException("failed")));
        } catch (IllegalStateException expected) {
            trace.append(expected.getMessage()).append(';');
        }
        String expected = "open a;open b;body;close b;close a;open c;close c;failed;";
        return result(trace.toString().equals(expected) ? "OK" : trace.toString());
    }
}
