// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Messages.AWAIT_IN_PLAIN_METHOD;
import static io.jasyncio.processor.Messages.AWAIT_IN_SYNCHRONIZED_BLOCK;
import static io.jasyncio.processor.Snippets.compile;
import static io.jasyncio.processor.Snippets.compileWithProcessorPath;
import static io.jasyncio.processor.Snippets.compileWithoutProcessor;
import static io.jasyncio.processor.Snippets.error;
import static io.jasyncio.processor.Snippets.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

class AsyncProcessorTest {
    private static final String AWAIT_IN_PLAIN_METHOD_SNIPPET = """
            class Snippet {
                void plain() {
                    await(sleep(1));
                }
            }
            """;

    @Test
    void isRegisteredAsAService() {
        List<Class<? extends Processor>> registered =
                ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type).toList();
        assertEquals(List.of(AsyncProcessor.class), registered);
    }

    @Test
    void runsFromTheProcessorPathAlone() {
        assertEquals(List.of(error(3, 9, AWAIT_IN_PLAIN_METHOD)),
                compileWithProcessorPath(AWAIT_IN_PLAIN_METHOD_SNIPPET, Snippets.locationOf(AsyncProcessor.class)));
    }

    @Test
    void withoutTheProcessorJavacReportsNothing() {
        assertEquals(List.of(), compileWithoutProcessor(AWAIT_IN_PLAIN_METHOD_SNIPPET));
    }

    @Test
    void checksEveryClassOfTheCompilationAlongsideJavacsOwnErrors() {
        List<Snippets.Reported> reported = compile("""
                class Snippet {
                    void plain() {
                        await(sleep(1));
                    }
                    class Nested {
                        @Async
                        Coroutine<Void> main() {
                            synchronized (this) {
                                await(sleep(1));
                            }
                            return result(null);
                        }
                    }
                }
                class Other {
                    int typo = "not an int";
                    Other() {
                        Runnable task = () -> await(sleep(1));
                    }
                }
                """);
        assertEquals(List.of(error(3, 9, AWAIT_IN_PLAIN_METHOD), error(9, 17, AWAIT_IN_SYNCHRONIZED_BLOCK),
                error(16, 16, "incompatible types: java.lang.String cannot be converted to int"),
                error(18, 31, Messages.AWAIT_IN_PLAIN_LAMBDA)), reported);
    }

    @Test
    void whatJavacCouldNotResolveGetsNoFindingOnTopOfJavacsError() {
        List<Snippets.Reported> reported = compile("""
                class Snippet {
                    @Async
                    Coroutine<Void> main() {
                        Unknown lambda = () -> await(sleep(1));
                        await(missing());
                        missing();
                        sleep(1, missing);
                        try {
                            await(sleep(1));
                        } catch (Missing e) {
                            System.out.println(e);
                        }
                        return result(null);
                    }
                }
                """);
        // javac's message goes on with the symbol on the lines after the first.
        assertEquals(List.of("4: cannot find symbol", "5: cannot find symbol", "6: cannot find symbol",
                "7: cannot find symbol", "10: cannot find symbol"), reported.stream()
                .map(r -> r.line() + ": " + r.message().lines().findFirst().orElse("")).toList());
    }

    @Test
    void aFailureOfTheChecksIsAWarningAtTheClassRatherThanACrashOfJavac() {
        Check failing = (sites, context) -> {
            throw new IllegalStateException("a bug");
        };
        List<Snippets.Reported> reported = Snippets.compile("// the class on line 2\n" + AWAIT_IN_PLAIN_METHOD_SNIPPET,
                List.of(new AsyncProcessor(List.of(failing))));
        // The weaver, run as javac writes the class, still refuses the await that the checks missed.
        assertEquals(List.of(warning(2, 1, "jasyncio's compile-time checks failed on Snippet and checked nothing in"
                + " it; please report this bug: java.lang.IllegalStateException: a bug"),
                error(4, 9, AWAIT_IN_PLAIN_METHOD + " (in Snippet.plain)")), reported);
    }

    @Test
    void codeThatDoesNotUseJasyncioGetsNoDiagnostic() {
        assertEquals(List.of(), compile("""
                class Snippet {
                    static int await(Object value) {
                        synchronized (Snippet.class) {
                            return 0;
                        }
                    }

                    Object plain() {
                        try {
                            return await(null);
                        } catch (Throwable t) {
                            return t;
                        }
                    }
                }
                """));
    }

    @Test
    void claimsNoAnnotationAndSupportsTheLatestSourceVersion() {
        AsyncProcessor processor = new AsyncProcessor();
        assertEquals(Set.of("*"), processor.getSupportedAnnotationTypes());
        assertEquals(SourceVersion.latestSupported(), processor.getSupportedSourceVersion());
        assertFalse(processor.process(Set.of(), null));
    }

}
