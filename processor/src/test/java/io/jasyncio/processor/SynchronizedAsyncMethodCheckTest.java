// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.SYNCHRONIZED_ASYNC_METHOD;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronizedAsyncMethodCheckTest {
    @Test
    void synchronizedAsyncMethodWithoutAwaitIsAnErrorAtTheMethod() {
        assertEquals(List.of(error(5, 34, SYNCHRONIZED_ASYNC_METHOD)), compile("""
                class Snippet {
                    int count;

                    @Async
                    synchronized Coroutine<Void> increment() {
                        count++;
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void synchronizedAsyncMethodThatAwaitsIsOneErrorAtTheMethodNotOneAtEachAwait() {
        assertEquals(List.of(error(3, 44, SYNCHRONIZED_ASYNC_METHOD)), compile("""
                class Snippet {
                    @Async
                    static synchronized Coroutine<Integer> main() {
                        await(sleep(1));
                        return result(await(sleep(1, 2)));
                    }
                }
                """));
    }

    @Test
    void synchronizedPlainAndAsyncMethodsWithoutTheModifierAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    int count;

                    synchronized Coroutine<Void> plainReturningCoroutine() {
                        count++;
                        return sleep(1);
                    }

                    @Async
                    Coroutine<Void> locked() {
                        synchronized (this) {
                            count++;
                        }
                        return result(null);
                    }
                }
                """));
    }
}
