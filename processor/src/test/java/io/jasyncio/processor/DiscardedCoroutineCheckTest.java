// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.coroutineNeverAwaited;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscardedCoroutineCheckTest {
    @Test
    void callOfAsyncMethodAsStatementIsAWarning() {
        assertEquals(List.of(warning(9, 9, coroutineNeverAwaited("greet")),
                warning(10, 16, coroutineNeverAwaited("greet"))), compile("""
                class Snippet {
                    @Async
                    static Coroutine<Void> greet() {
                        return result(null);
                    }

                    @Async
                    Coroutine<Void> main() {
                        greet();
                        Snippet.greet();
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void runtimeCoroutineAsStatementIsAWarningToo() {
        assertEquals(List.of(warning(3, 9, coroutineNeverAwaited("sleep"))), compile("""
                class Snippet {
                    void plain() {
                        sleep(1);
                    }
                }
                """));
    }

    @Test
    void expressionLambdaWhoseMethodReturnsVoidDiscardsTheCoroutine() {
        assertEquals(List.of(warning(3, 30, coroutineNeverAwaited("sleep"))), compile("""
                class Snippet {
                    void plain() {
                        Runnable nap = () -> sleep(1);
                    }
                }
                """));
    }

    @Test
    void coroutinesThatAreAwaitedKeptOrPassedOnAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    @Async
                    static Coroutine<Void> greet() {
                        return result(null);
                    }

                    @Async
                    Coroutine<Void> main(List<Coroutine<Void>> pending) {
                        await(greet());
                        Coroutine<Void> kept = greet();
                        pending.add(kept);
                        pending.add(greet());
                        createTask(greet());
                        Supplier<Coroutine<Void>> later = () -> greet();
                        Runnable plain = () -> pending.clear();
                        pending.size();
                        return greet();
                    }
                }
                """));
    }
}
