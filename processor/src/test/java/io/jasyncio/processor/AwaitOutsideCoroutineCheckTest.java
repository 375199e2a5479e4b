// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.AWAIT_IN_CONSTRUCTOR;
import static io.jasyncio.processor.Messages.AWAIT_IN_INSTANCE_INITIALISER;
import static io.jasyncio.processor.Messages.AWAIT_IN_PLAIN_LAMBDA;
import static io.jasyncio.processor.Messages.AWAIT_IN_PLAIN_METHOD;
import static io.jasyncio.processor.Messages.AWAIT_IN_STATIC_INITIALISER;
import static io.jasyncio.processor.Messages.AWAIT_REFERENCE;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitOutsideCoroutineCheckTest {
    @Test
    void awaitInPlainMethodIsAnErrorAtEachAwait() {
        assertEquals(List.of(error(3, 9, AWAIT_IN_PLAIN_METHOD), error(4, 16, AWAIT_IN_PLAIN_METHOD)), compile("""
                class Snippet {
                    void plain() {
                        await(sleep(1));
                        Asyncio.await(sleep(1));
                    }
                }
                """));
    }

    @Test
    void awaitInConstructorIsAnError() {
        assertEquals(List.of(error(3, 9, AWAIT_IN_CONSTRUCTOR)), compile("""
                class Snippet {
                    Snippet() {
                        await(sleep(1));
                    }
                }
                """));
    }

    @Test
    void awaitInInstanceInitialiserBlockOrFieldIsAnError() {
        assertEquals(List.of(error(2, 13, AWAIT_IN_INSTANCE_INITIALISER), error(4, 9, AWAIT_IN_INSTANCE_INITIALISER)),
                compile("""
                class Snippet {
                    int x = await(sleep(1, 2));
                    {
                        await(sleep(1));
                    }
                }
                """));
    }

    @Test
    void awaitInStaticInitialiserBlockOrStaticFieldIsAnError() {
        assertEquals(List.of(error(2, 20, AWAIT_IN_STATIC_INITIALISER), error(4, 9, AWAIT_IN_STATIC_INITIALISER),
                error(8, 13, AWAIT_IN_STATIC_INITIALISER)), compile("""
                class Snippet {
                    static int x = await(sleep(1, 2));
                    static {
                        await(sleep(1));
                    }
                }
                interface Constants {
                    int X = await(sleep(1, 2)); // interface fields are static
                }
                """));
    }

    @Test
    void awaitInLambdaThatIsNotAsyncInsideAsyncMethodIsAnError() {
        assertEquals(List.of(error(4, 32, AWAIT_IN_PLAIN_LAMBDA), error(5, 33, AWAIT_IN_PLAIN_LAMBDA)), compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> main(List<Double> delays) {
                        Runnable later = () -> await(sleep(1));
                        delays.forEach(delay -> await(sleep(delay)));
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void awaitInPlainMethodOfAnonymousClassInsideAsyncMethodIsAnError() {
        assertEquals(List.of(error(7, 17, AWAIT_IN_PLAIN_METHOD)), compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> main() {
                        Runnable later = new Runnable() {
                            @Override
                            public void run() {
                                await(sleep(1));
                            }
                        };
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void aMethodReferenceToAwaitIsAnErrorEvenInAnAsyncMethod() {
        assertEquals(List.of(error(4, 53, AWAIT_REFERENCE), error(8, 37, AWAIT_REFERENCE)), compile("""
                class Snippet {
                    @Async
                    Coroutine<Integer> count(List<Future<Integer>> futures) {
                        List<Integer> values = futures.stream().map(Asyncio::await).toList();
                        return result(values.size());
                    }
                    static List<Integer> plain(List<Future<Integer>> futures) {
                        return futures.stream().map(Asyncio::await).toList();
                    }
                }
                """));
    }

    @Test
    void awaitsInAsyncMethodsAndAsyncLambdasAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    static Supplier<Coroutine<Integer>> field = () -> result(await(sleep(1, 2)));

                    @Async
                    static Coroutine<Integer> twice(int n) {
                        await(sleep(0));
                        return result(Asyncio.await(sleep(0, n)) + await(sleep(0, n)));
                    }

                    @Async
                    Coroutine<Void> main() {
                        Object o = new Object() {
                            @Async
                            Coroutine<Void> inner() {
                                await(sleep(1));
                                return result(null);
                            }
                        };
                        return result(await(await(sleep(1, sleep(1)))));
                    }

                    void plain() {
                        Function<Integer, Coroutine<Integer>> doubled = n -> result(await(twice(n)));
                        Supplier<? extends Coroutine<Integer>> wildcard = () -> result(await(twice(1)));
                        Supplier<? extends Awaitable<Integer>> awaitable = () -> result(await(twice(2)));
                        Object serializable = (Supplier<Coroutine<Void>> & java.io.Serializable) () -> {
                            await(sleep(1));
                            return result(null);
                        };
                    }
                }
                """));
    }

    @Test
    void aUserMethodNamedAwaitIsNotAnAwait() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    static int await(int value) {
                        return value;
                    }

                    void plain() {
                        await(1);
                    }
                }
                """));
    }
}
