// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.storedCoroutineNeverAwaited;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnawaitedLocalCoroutineCheckTest {
    @Test
    void coroutineInALocalThatNothingReadsIsAWarningAtTheCall() {
        assertEquals(List.of(warning(9, 37, storedCoroutineNeverAwaited("greet", "forgotten")),
                warning(11, 15, storedCoroutineNeverAwaited("sleep", "nap")),
                warning(12, 15, storedCoroutineNeverAwaited("greet", "nap"))), compile("""
                class Snippet {
                    @Async
                    static Coroutine<Void> greet() {
                        return result(null);
                    }

                    @Async
                    Coroutine<Void> main() {
                        Coroutine<Void> forgotten = greet();
                        Awaitable<Void> nap;
                        nap = sleep(1);
                        nap = greet();
                        return result(null);
                    }
                }
                """));
    }

    @Test
    void inAPlainMethodAndALambdaToo() {
        assertEquals(List.of(warning(3, 22, storedCoroutineNeverAwaited("sleep", "nap")),
                warning(5, 37, storedCoroutineNeverAwaited("sleep", "inner"))), compile("""
                class Snippet {
                    void plain() {
                        Object nap = sleep(1);
                        Supplier<Coroutine<Void>> body = () -> {
                            Coroutine<Void> inner = sleep(2);
                            return sleep(3);
                        };
                    }
                }
                """));
    }

    @Test
    void coroutinesInLocalsThatAreAwaitedPassedOnReturnedOrKeptAreFine() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    private Coroutine<Void> kept;

                    @Async
                    static Coroutine<Void> greet() {
                        return result(null);
                    }

                    @Async
                    Coroutine<Void> main(List<Coroutine<Void>> pending) {
                        Coroutine<Void> awaitedLater = greet();
                        pending.clear();
                        await(awaitedLater);
                        Coroutine<Void> asTask = greet();
                        createTask(asTask);
                        Coroutine<Void> gathered = greet();
                        await(gather(gathered, sleep(0)));
                        Coroutine<Void> stored = greet();
                        kept = stored;
                        Coroutine<Void> listed = greet();
                        pending.add(listed);
                        Coroutine<Void> reassigned = greet();
                        reassigned = sleep(1);
                        await(reassigned);
                        Coroutine<Void> captured = greet();
                        Supplier<Coroutine<Void>> later = () -> captured;
                        Task<Void> task = createTask(greet());
                        Coroutine<Void> returned = greet();
                        return returned;
                    }
                }
                """));
    }
}
