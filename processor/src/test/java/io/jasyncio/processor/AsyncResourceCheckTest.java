// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.ASYNC_RESOURCE_IN_SYNCHRONIZED_BLOCK;
import static io.jasyncio.processor.Messages.ASYNC_RESOURCE_OUTSIDE_COROUTINE;
import static io.jasyncio.processor.Messages.ASYNC_RESOURCE_WITH_EMPTY_BODY;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.compileAsyncMain;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a try-with-resources of an {@code AsyncCloseable} cannot have its close woven into an await of {@code aclose()}. */
class AsyncResourceCheckTest {
    private static final String RESOURCE = """
                static final class Resource implements AsyncCloseable {
                    public Coroutine<Void> aclose() {
                        return sleep(0);
                    }
                }
            """;

    @Test
    void anAsyncCloseableInAPlainMethodIsAnError() {
        assertEquals(List.of(error(8, 14, ASYNC_RESOURCE_OUTSIDE_COROUTINE), error(12, 22, ASYNC_RESOURCE_OUTSIDE_COROUTINE)),
                compile("class Snippet {\n" + RESOURCE + """
                    void plain(Resource given) {
                        try (given) {
                            System.out.println();
                        }
                        Runnable lambda = () -> {
                            try (var r = new Resource()) {
                                System.out.println();
                            }
                        };
                    }
                }
                """));
    }

    @Test
    void aResourceWhoseCloseIsItsOwnIsFineOutsideACoroutine() {
        assertEquals(List.of(), compile("class Snippet {\n" + RESOURCE + """
                    static final class Closes extends Object implements AsyncCloseable {
                        public Coroutine<Void> aclose() {
                            return sleep(0);
                        }

                        @Override
                        public void close() {
                        }
                    }

                    void plain() {
                        try (Closes c = new Closes()) {
                            System.out.println();
                        }
                    }
                }
                """));
    }

    @Test
    void anAsyncCloseableInsideASynchronizedBlockOfACoroutineIsAnError() {
        assertEquals(List.of(error(10, 27, ASYNC_RESOURCE_IN_SYNCHRONIZED_BLOCK)), compile("class Snippet {\n" + RESOURCE + """
                    @Async
                    Coroutine<Void> main() {
                        synchronized (this) {
                            try (Resource r = new Resource()) {
                                System.out.println();
                            }
                        }
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void anAsyncCloseableWithAnEmptyBodyIsAnError() {
        assertEquals(List.of(error(9, 23, ASYNC_RESOURCE_WITH_EMPTY_BODY)), compile("class Snippet {\n" + RESOURCE + """
                    @Async
                    Coroutine<Void> main() {
                        try (Resource r = new Resource()) {
                        }
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void anAsyncCloseableInACoroutineIsFine() {
        assertEquals(List.of(), compileAsyncMain("""
                try (AsyncCloseable r = () -> sleep(0)) {
                    await(sleep(0));
                }
                """));
    }
}
