// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.EMIT_OUTSIDE_GENERATOR;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmitOutsideGeneratorCheckTest {
    @Test
    void emitOutsideAnAsyncGeneratorIsAnErrorAtEachEmit() {
        assertEquals(List.of(error(4, 23, EMIT_OUTSIDE_GENERATOR), error(8, 23, EMIT_OUTSIDE_GENERATOR),
                error(13, 46, EMIT_OUTSIDE_GENERATOR)), compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> coroutine() {
                        AsyncGenerator.emit(1);
                        return result(null);
                    }
                    void plain() {
                        AsyncGenerator.emit(2);
                    }
                    @Async
                    AsyncGenerator<Integer> generator() {
                        AsyncGenerator.emit(3);
                        Runnable inner = () -> AsyncGenerator.emit(4);
                        return AsyncGenerator.end();
                    }
                }
                """));
    }

    @Test
    void emitInAnAsyncGeneratorMethodOrLambdaIsFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    @Async
                    AsyncGenerator<Integer> generator() {
                        String sent = AsyncGenerator.emit(1);
                        await(sleep(0));
                        return AsyncGenerator.end();
                    }
                    @Async
                    Coroutine<Void> consumer() {
                        IntFunction<AsyncGenerator<Integer>> lambda = n -> {
                            AsyncGenerator.emit(n);
                            return AsyncGenerator.end();
                        };
                        for (var it = lambda.apply(1); await(it.hasNext()); ) {
                            int value = it.next();
                        }
                        return result(null);
                    }
                }
                """));
    }
}
