// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static io.jasyncio.processor.Snippets.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor weaves each class file as javac writes it: the same bytes as the weaver of the agent
 * and the Maven plugin gives javac's own, for nested, local and anonymous classes and async lambdas;
 * a refused method is a javac error at its line and leaves no class file; compiling again, in full or
 * one file, gives the same bytes.
 */
class GeneratedClassWeaverTest {
    /** Every kind of class that javac writes a class file for, each with an {@code @Async} method or an async lambda. */
    private static final String PROGRAM = """
            package demo;

            import static io.jasyncio.Asyncio.*;

            import io.jasyncio.Coroutine;
            import io.jasyncio.Task;
            import io.jasyncio.annotations.Async;
            import java.util.function.Supplier;

            public class Program {
                static final StringBuilder trace = new StringBuilder();

                @Async
                static Coroutine<String> greet(String name, double delay) {
                    await(sleep(delay));
                    trace.append(name).append(' ');
                    return result(name.toUpperCase());
                }

                abstract static class Job {
                    abstract Coroutine<String> get();
                }

                static class Nested {
                    @Async
                    Coroutine<Integer> twice(int n) {
                        await(sleep(0));
                        return result(2 * n);
                    }
                }

                @Async
                static Coroutine<String> main() {
                    Task<String> later = createTask(greet("later", 0.02));
                    Task<String> sooner = createTask(greet("sooner", 0.01));
                    String both = await(later) + "+" + await(sooner);
                    Supplier<Coroutine<String>> lambda = () -> result(await(greet("lambda", 0)) + "!");
                    class Local {
                        @Async
                        Coroutine<String> local() {
                            await(sleep(0));
                            return result("local");
                        }
                    }
                    Job anonymous = new Job() {
                        @Async
                        @Override
                        Coroutine<String> get() {
                            await(sleep(0));
                            return result("anonymous");
                        }
                    };
                    return result(both + " " + await(new Nested().twice(21)) + " " + await(lambda.get()) + " "
                            + await(new Local().local()) + " " + await(anonymous.get()));
                }

                public static String box() {
                    String value = run(main());
                    return trace + "| " + value;
                }
            }
            """;

    /** Uses the class above from another file, for a compilation of that file alone. */
    private static final String USER = """
            package demo;

            import static io.jasyncio.Asyncio.*;

            import io.jasyncio.Coroutine;
            import io.jasyncio.annotations.Async;

            public class User {
                @Async
                static Coroutine<String> twice() {
                    return result(await(Program.main()) + " / " + await(Program.main()));
                }
            }
            """;

    private static final List<String> WOVEN = List.of("demo/Program$1.class", "demo/Program$1Local.class",
            "demo/Program$Nested.class", "demo/Program.class", "demo/User.class");

    @TempDir
    Path directory;

    @Test
    void everyClassFileIsWovenIntoTheBytesThatThePluginAndTheAgentWeave() throws WeaveException {
        List<Path> sources = sources();
        Path withProcessor = directory.resolve("with-processor");
        Path javacOnly = directory.resolve("javac-only");

        assertEquals(List.of(), JavacRun.compile(sources, withProcessor, true).reported());
        assertTrue(JavacRun.compile(sources, javacOnly, false).succeeded());

        Map<String, byte[]> woven = JavacRun.classFiles(withProcessor);
        Map<String, byte[]> unwoven = JavacRun.classFiles(javacOnly);
        assertEquals(unwoven.keySet(), woven.keySet());
        for (Map.Entry<String, byte[]> classFile : unwoven.entrySet()) {
            byte[] processorBytes = woven.get(classFile.getKey());
            assertArrayEquals(ClassWeaver.weave(classFile.getValue()), processorBytes, classFile.getKey());
            assertEquals(WOVEN.contains(classFile.getKey()), ClassWeaver.isWoven(processorBytes), classFile.getKey());
            // What the plugin and the agent do with a class woven already: nothing.
            assertSame(processorBytes, ClassWeaver.weaveForLoading(processorBytes).classFile(), classFile.getKey());
        }
        assertTrue(woven.keySet().containsAll(WOVEN), woven.keySet().toString());
    }

    @Test
    void theWovenProgramRunsWithoutTheAgentOrThePlugin() throws Exception {
        Path classes = directory.resolve("classes");
        assertTrue(JavacRun.compile(sources(), classes, true).succeeded());

        assertEquals("sooner later lambda | LATER+SOONER 42 LAMBDA! local anonymous", box(classes));
    }

    @Test
    void compilingAgainInFullOrOneFileAloneGivesTheSameBytes() {
        List<Path> sources = sources();
        Path classes = directory.resolve("classes");
        assertTrue(JavacRun.compile(sources, classes, true).succeeded());
        Map<String, byte[]> first = JavacRun.classFiles(classes);

        assertTrue(JavacRun.compile(sources, classes, true).succeeded());
        assertClassFilesEqual(first, JavacRun.classFiles(classes));

        // An incremental build: User.java alone, against the woven Program classes.
        assertTrue(JavacRun.compile(List.of(sources.get(1)), classes, true, classes).succeeded());
        assertClassFilesEqual(first, JavacRun.classFiles(classes));
    }

    @Test
    void withoutAClassOutputDirectoryTheClassFilesBesideTheSourcesAreWoven() throws Exception {
        List<Path> sources = sources();
        assertTrue(JavacRun.compile(sources, null, true).succeeded());

        Path besideSources = directory.resolve("src");
        for (String classFile : WOVEN) {
            assertTrue(ClassWeaver.isWoven(Files.readAllBytes(besideSources.resolve(classFile))), classFile);
        }
        assertEquals("sooner later lambda | LATER+SOONER 42 LAMBDA! local anonymous", box(besideSources));
    }

    @Test
    void aMethodThatTheWeaverRefusesIsAJavacErrorAtItsLineAndLeavesNoClassFile() {
        // The woven body of an instance @Async method m(String) is a static m(Coroutine, Clash, String); the
        // weaver reports the clash at the first line of the method that it meets second, as the plugin does.
        Path source = JavacRun.write(directory.resolve("src"), "demo/Clash.java", """
                package demo;

                import static io.jasyncio.Asyncio.*;

                import io.jasyncio.Coroutine;
                import io.jasyncio.annotations.Async;

                public class Clash {
                    @Async
                    Coroutine<String> m(String a) {
                        await(sleep(0));
                        return result(a);
                    }

                    static Object m(Coroutine<?> frame, Clash self, String a) {
                        return a;
                    }
                }
                """);
        Path classes = directory.resolve("classes");

        JavacRun.Outcome outcome = JavacRun.compile(List.of(source), classes, true);

        assertFalse(outcome.succeeded());
        assertEquals(List.of(error(16, 9, "the woven body of this @Async method would clash with another method of"
                + " the same name and descriptor (Lio/jasyncio/Coroutine;Ldemo/Clash;Ljava/lang/String;)Ljava/lang/Object;:"
                + " rename one of them (in demo.Clash.m)")), outcome.reported());
        assertFalse(Files.exists(classes.resolve("demo/Clash.class")), "a class file that is not woven was left");
    }

    private List<Path> sources() {
        Path sources = directory.resolve("src");
        return List.of(JavacRun.write(sources, "demo/Program.java", PROGRAM), JavacRun.write(sources, "demo/User.java", USER));
    }

    private static String box(Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GeneratedClassWeaverTest.class.getClassLoader())) {
            return (String) loader.loadClass("demo.Program").getMethod("box").invoke(null);
        }
    }

    private static void assertClassFilesEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }
}
