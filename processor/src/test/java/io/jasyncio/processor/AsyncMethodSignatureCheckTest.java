// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.ASYNC_WITHOUT_BODY;
import static io.jasyncio.processor.Messages.asyncReturnType;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncMethodSignatureCheckTest {
    @Test
    void asyncMethodNotReturningCoroutineIsAnErrorAtItsReturnTypeNamedByItsErasure() {
        assertEquals(List.of(
                error(3, 5, asyncReturnType("void")),
                error(7, 5, asyncReturnType("java.lang.String")),
                error(12, 5, asyncReturnType("java.util.List")),
                error(17, 16, asyncReturnType("java.lang.Object")),
                error(22, 5, asyncReturnType("io.jasyncio.Task"))), compile("""
                class Snippet {
                    @Async
                    void returnsNothing() {
                    }

                    @Async
                    String returnsString() {
                        return "";
                    }

                    @Async
                    List<Coroutine<Void>> returnsList() {
                        return List.of();
                    }

                    @Async
                    static <T> T returnsTypeVariable(T value) {
                        return value;
                    }

                    @Async
                    Task<Void> returnsTask() {
                        return createTask(sleep(1));
                    }
                }
                """));
    }

    @Test
    void abstractAsyncMethodIsAnErrorAtTheMethod() {
        assertEquals(List.of(error(3, 30, ASYNC_WITHOUT_BODY), error(7, 21, ASYNC_WITHOUT_BODY)), compile("""
                abstract class Snippet {
                    @Async
                    abstract Coroutine<Void> main();
                }
                interface Service {
                    @Async
                    Coroutine<Void> serve();
                }
                """));
    }

    @Test
    void nativeAsyncMethodIsAnErrorAtTheMethod() {
        assertEquals(List.of(error(3, 28, ASYNC_WITHOUT_BODY)), compile("""
                class Snippet {
                    @Async
                    native Coroutine<Void> main();
                }
                """));
    }

    @Test
    void abstractAsyncMethodWithAnotherReturnTypeGetsBothErrors() {
        assertEquals(List.of(error(3, 14, asyncReturnType("int")), error(3, 18, ASYNC_WITHOUT_BODY)),
                compile("""
                abstract class Snippet {
                    @Async
                    abstract int main();
                }
                """));
    }

    @Test
    void asyncMethodsOfEveryKindThatReturnCoroutineAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    @Async
                    static Coroutine<Void> staticMethod() {
                        return result(null);
                    }

                    @Async
                    Coroutine<Void> instanceMethod() {
                        return result(null);
                    }

                    @Async
                    static <T> Coroutine<T> genericMethod(T value) {
                        return result(value);
                    }

                    @Async
                    Coroutine<? extends Number> wildcard() {
                        return result(1);
                    }
                }
                interface Service {
                    @Async
                    default Coroutine<Void> serve() {
                        return result(null);
                    }
                }
                """));
    }
}
