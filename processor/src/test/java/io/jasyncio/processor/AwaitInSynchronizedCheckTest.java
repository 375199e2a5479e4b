// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.AWAIT_IN_PLAIN_METHOD;
import static io.jasyncio.processor.Messages.AWAIT_IN_SYNCHRONIZED_BLOCK;
import static io.jasyncio.processor.Messages.SYNCHRONIZED_ASYNC_METHOD;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.compileAsyncMain;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitInSynchronizedCheckTest {
    @Test
    void awaitInSynchronizedBlockIsAnError() {
        assertEquals(List.of(error(2, 5, AWAIT_IN_SYNCHRONIZED_BLOCK)), compileAsyncMain("""
                synchronized (this) {
                    await(sleep(1));
                }
                """));
    }

    @Test
    void awaitInSynchronizedBlockOfSynchronizedMethodIsReportedWithTheMethod() {
        assertEquals(List.of(error(3, 34, SYNCHRONIZED_ASYNC_METHOD), error(5, 13, AWAIT_IN_SYNCHRONIZED_BLOCK)),
                compile("""
                class Snippet {
                    @Async
                    synchronized Coroutine<Void> main() {
                        synchronized (Snippet.class) {
                            await(sleep(1));
                        }
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void awaitInSynchronizedPlainMethodIsReportedAsOutsideAnyCoroutine() {
        assertEquals(List.of(error(3, 9, AWAIT_IN_PLAIN_METHOD)), compile("""
                class Snippet {
                    synchronized void plain() {
                        await(sleep(1));
                    }
                }
                """));
    }

    @Test
    void monitorsThatAreNotHeldAtAnAwaitAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    int count;

                    @Async
                    Coroutine<Void> main() {
                        synchronized (this) {
                            count++;
                        }
                        synchronized (await(sleep(1, "lock"))) { // the lock is taken after the await
                            count++;
                        }
                        synchronized (this) {
                            Supplier<Coroutine<Void>> later = () -> { // runs later, without the monitor
                                await(sleep(1));
                                return result(null);
                            };
                        }
                        await(sleep(1));
                        return result(null);
                    }
                }
                """));
    }
}
