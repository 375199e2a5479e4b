// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.agent.WeavingAgent;
import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDirectoryWeaverTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L);

    private static final String GREETER = """
            package io.example;

            import static io.jasyncio.Asyncio.*;

            import io.jasyncio.Coroutine;
            import io.jasyncio.annotations.Async;
            import java.util.function.Function;

            public class Greeter {
                @Async
                static Coroutine<String> greet(String name) {
                    await(sleep(0));
                    await(sleep(0));
                    return result("hello, " + name);
                }

                @Async
                static Coroutine<Integer> ready() {
                    return result(1);
                }

                public static String main() {
                    Function<String, Coroutine<String>> loud = name -> result(await(greet(name)).toUpperCase());
                    return run(greet("world")) + " " + run(loud.apply("you")) + " " + run(ready());
                }
            }
            """;

    /** Nothing here names @Async or await: only the lambda's return type says that it is async. */
    private static final String LAZY_LAMBDA = """
            package io.example;

            import static io.jasyncio.Asyncio.*;

            import io.jasyncio.Coroutine;
            import io.jasyncio.EventLoop;
            import io.jasyncio.Task;
            import java.util.function.Supplier;

            public class LazyLambda {
                public static String main() {
                    Supplier<Coroutine<Void>> failing = () -> {
                        throw new IllegalStateException("at start");
                    };
                    Coroutine<Void> created = failing.get();
                    EventLoop loop = newEventLoop();
                    try {
                        Task<Void> task = loop.createTask(created);
                        String trace = "created done=" + task.done();
                        try {
                            loop.runUntilComplete(task);
                        } catch (IllegalStateException expected) {
                            trace += "; task threw " + expected.getMessage();
                        }
                        return trace;
                    } finally {
                        loop.close();
                    }
                }
            }
            """;

    private static final String PLAIN = """
            package io.example;

            public class Plain {
                static int answer() {
                    return 42;
                }
            }
            """;

    private static final String LOCKED = """
            package io.example;

            import static io.jasyncio.Asyncio.*;

            import io.jasyncio.Coroutine;
            import io.jasyncio.annotations.Async;

            public class Locked {
                @Async
                static Coroutine<Void> inside(Object lock) {
                    synchronized (lock) {
                        await(sleep(0));
                    }
                    return result(null);
                }

                @Async
                static String notCoroutine() {
                    return "no";
                }
            }
            """;

    private static final String BLOCKING = """
            package io.example.more;

            import static io.jasyncio.Asyncio.*;

            public class Blocking {
                static void plain() {
                    await(sleep(0));
                }
            }
            """;

    private final ClassDirectoryWeaver weaver = new ClassDirectoryWeaver(ClassFileSelection.all());

    @Test
    void rewritesEachClassWithTheBytesOfTheWeaverThatTheAgentUses(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER, PLAIN);
        Map<Path, byte[]> compiled = classFiles(classes);

        WeaveSummary summary = weaver.weave(classes);

        assertEquals(1, summary.wovenClasses());
        assertEquals(1, summary.nothingToWeave());
        ClassFileTransformer agent = theAgentsTransformer();
        for (Map.Entry<Path, byte[]> original : compiled.entrySet()) {
            byte[] woven = Files.readAllBytes(original.getKey());
            assertArrayEquals(ClassWeaver.weave(original.getValue()), woven, original.getKey().toString());
            byte[] loaded = agent.transform(getClass().getClassLoader(), null, null, null, original.getValue());
            assertArrayEquals(loaded != null ? loaded : original.getValue(), woven,
                    "what the agent gives the JVM for " + original.getKey());
        }
        Path greeter = classes.resolve("io/example/Greeter.class");
        assertNotEquals(List.of(compiled.get(greeter)), List.of(Files.readAllBytes(greeter)));
    }

    @Test
    void wovenClassesRunWithoutTheAgent(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER);
        weaver.weave(classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Object greeting = loader.loadClass("io.example.Greeter").getMethod("main").invoke(null);
            assertEquals("hello, world HELLO, YOU 1", greeting);
        }
    }

    @Test
    void aLambdaReturningCoroutineIsWovenEvenInAClassWithNoAsyncMethodOrAwait(@TempDir Path classes)
            throws Exception {
        JavaSources.compile(classes, LAZY_LAMBDA);

        WeaveSummary summary = weaver.weave(classes);

        assertEquals(List.of(new WovenMethod("io.example.LazyLambda", "lambda$main$0", 1)), summary.wovenMethods());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Object trace = loader.loadClass("io.example.LazyLambda").getMethod("main").invoke(null);
            assertEquals("created done=false; task threw at start", trace);
        }
    }

    @Test
    void countsTheStatesOfEachWovenMethodOneForTheStartAndOnePerAwait(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER);

        WeaveSummary summary = weaver.weave(classes);

        assertEquals(List.of(
                new WovenMethod("io.example.Greeter", "greet", 3),
                new WovenMethod("io.example.Greeter", "ready", 1),
                new WovenMethod("io.example.Greeter", "lambda$main$0", 2)), summary.wovenMethods());
        assertEquals("io.example.Greeter.greet: 3 states", summary.wovenMethods().get(0).toString());
        assertEquals("io.example.Greeter.ready: 1 state", summary.wovenMethods().get(1).toString());
    }

    @Test
    void reportsEveryRefusedMethodOfEveryClassAndChangesNoFile(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER, LOCKED, BLOCKING);
        Map<Path, byte[]> compiled = classFiles(classes);
        backdate(compiled.keySet());

        UnweavableMethodsException refused = assertThrows(UnweavableMethodsException.class,
                () -> weaver.weave(classes));

        List<String> expectedStarts = List.of(
                "Locked.java:" + JavaSources.lineOf(LOCKED, "await(") + ": await inside a synchronized block",
                "Locked.java:" + JavaSources.lineOf(LOCKED, "return \"no\"") + ": an @Async method must return",
                "Blocking.java:" + JavaSources.lineOf(BLOCKING, "await(") + ": await in a method that is neither");
        assertEquals(expectedStarts.size(), refused.errors().size(), refused.getMessage());
        for (int i = 0; i < expectedStarts.size(); i++) {
            String error = refused.errors().get(i).toString();
            assertTrue(error.startsWith(expectedStarts.get(i)), error);
        }
        assertEquals("3 methods in 2 classes of " + classes + " cannot be woven, so no class file was changed:",
                refused.getMessage().lines().findFirst().orElseThrow());
        assertEquals(refused.errors().stream().map(WeaveError::toString).toList(),
                refused.getMessage().lines().skip(1).toList());
        for (Map.Entry<Path, byte[]> original : compiled.entrySet()) {
            assertArrayEquals(original.getValue(), Files.readAllBytes(original.getKey()), original.getKey().toString());
        }
        assertUnmodified(compiled.keySet());
    }

    @Test
    void skipsClassesWovenBeforeSoThatASecondRunWritesNothing(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER, PLAIN);
        weaver.weave(classes);
        Map<Path, byte[]> woven = classFiles(classes);
        backdate(woven.keySet());

        WeaveSummary second = weaver.weave(classes);

        assertEquals(new WeaveSummary(classes.toString(), 0, List.of(), 1, 1), second);
        assertEquals("wove 0 classes (0 methods) in " + classes + "; skipped 1 already woven, 1 with nothing to weave",
                second.describe());
        assertUnmodified(woven.keySet());
    }

    @Test
    void classesThatTheProcessorWoveHaveThePluginsBytesAndThePluginAndTheAgentLeaveThemAlone(@TempDir Path scratch)
            throws Exception {
        Path byPlugin = scratch.resolve("plugin");
        Path byProcessor = scratch.resolve("processor");
        JavaSources.compile(byPlugin, GREETER, PLAIN);
        weaver.weave(byPlugin);
        JavaSources.compileWithProcessor(byProcessor, GREETER, PLAIN);
        Map<Path, byte[]> woven = classFiles(byProcessor);
        backdate(woven.keySet());

        WeaveSummary summary = weaver.weave(byProcessor);

        assertEquals(new WeaveSummary(byProcessor.toString(), 0, List.of(), 1, 1), summary);
        assertUnmodified(woven.keySet());
        ClassFileTransformer agent = theAgentsTransformer();
        for (Map.Entry<Path, byte[]> classFile : woven.entrySet()) {
            Path relative = byProcessor.relativize(classFile.getKey());
            assertArrayEquals(Files.readAllBytes(byPlugin.resolve(relative)), classFile.getValue(), relative.toString());
            assertNull(agent.transform(getClass().getClassLoader(), null, null, null, classFile.getValue()),
                    "the agent rewove " + relative);
        }
    }

    @Test
    void aMalformedClassFileFailsTheRunAndChangesNoFile(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER);
        Path broken = Files.write(classes.resolve("io/example/Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Map<Path, byte[]> compiled = classFiles(classes);
        backdate(compiled.keySet());

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> weaver.weave(classes));

        assertTrue(failure.getMessage().startsWith("cannot weave " + classes.relativize(broken)
                + ", so no class file was changed: "), failure.getMessage());
        assertUnmodified(compiled.keySet());
    }

    @Test
    void weavesOnlyTheSelectedClassFiles(@TempDir Path classes) throws Exception {
        JavaSources.compile(classes, GREETER, PLAIN, BLOCKING);
        ClassDirectoryWeaver selective = new ClassDirectoryWeaver(
                new ClassFileSelection(List.of("io/example/**"), List.of("**/more/**")));

        WeaveSummary summary = selective.weave(classes);

        assertEquals(1, summary.wovenClasses());
        assertEquals(1, summary.nothingToWeave());
    }

    @Test
    void aDirectoryThatDoesNotExistHasNothingToWeave(@TempDir Path scratch) throws Exception {
        Path absent = scratch.resolve("test-classes");

        assertEquals(WeaveSummary.nothingIn(absent.toString()), weaver.weave(absent));
    }

    /** The transformer that {@code -javaagent:jasyncio-agent.jar} installs. */
    private static ClassFileTransformer theAgentsTransformer() {
        List<ClassFileTransformer> installed = new ArrayList<>();
        Instrumentation instrumentation = (Instrumentation) Proxy.newProxyInstance(
                Instrumentation.class.getClassLoader(), new Class<?>[] {Instrumentation.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("addTransformer")) {
                        installed.add((ClassFileTransformer) arguments[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        WeavingAgent.premain(null, instrumentation);
        assertEquals(1, installed.size());
        return installed.get(0);
    }

    /** Sets the files' modification time far back, so that any write shows. */
    private static void backdate(Iterable<Path> files) throws IOException {
        for (Path file : files) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }
    }

    private static void assertUnmodified(Iterable<Path> files) throws IOException {
        for (Path file : files) {
            assertEquals(LONG_AGO, Files.getLastModifiedTime(file), file + " was written");
        }
    }

    private static Map<Path, byte[]> classFiles(Path classes) throws IOException {
        Map<Path, byte[]> classFiles = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                classFiles.put(file, Files.readAllBytes(file));
            }
        }
        return classFiles;
    }

}
