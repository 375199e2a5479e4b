// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.coroutineNeverAwaited;
import static io.jasyncio.processor.Messages.coroutineReferenceAsVoid;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoroutineReferenceAsVoidCheckTest {
    @Test
    void methodReferenceReturningACoroutineWhereAVoidMethodIsExpectedIsAWarning() {
        assertEquals(List.of(warning(10, 23, coroutineReferenceAsVoid("this::work", "work")),
                warning(11, 28, coroutineReferenceAsVoid("Snippet::tick", "tick")),
                warning(12, 32, coroutineReferenceAsVoid("Asyncio::sleep", "sleep")),
                warning(13, 29, coroutineNeverAwaited("work"))), compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> work() {
                        return result(null);
                    }

                    static Coroutine<Integer> tick(int n) { return result(n); }

                    void schedule(EventLoop loop) {
                        loop.callSoon(this::work);
                        IntConsumer each = Snippet::tick;
                        Consumer<Double> nap = Asyncio::sleep;
                        loop.callSoon(() -> work());
                    }
                }
                """));
    }

    @Test
    void methodReferencesWhoseCoroutineIsReturnedAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> work() {
                        return result(null);
                    }

                    void schedule(EventLoop loop) {
                        Supplier<Coroutine<Void>> factory = this::work;
                        Supplier<Awaitable<Void>> awaitable = this::work;
                        Supplier<Object> anything = this::work;
                        Runnable plain = loop::stop;
                        Function<Coroutine<Void>, Task<Void>> start = loop::createTask;
                        loop.callSoon(() -> loop.createTask(work()));
                    }
                }
                """));
    }
}
