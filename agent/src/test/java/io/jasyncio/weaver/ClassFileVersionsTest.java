// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;

/**
 * Class files from every javac from 17 up: box programs compiled with each {@code --release} the
 * running JDK offers (class file versions 61 up to the JDK's own) are woven, verified, loaded and
 * run. On a JDK older than 25, the Temurin 25 JDK beside it compiles them as version 69, which the
 * weaver must read and write even where that JVM cannot run them.
 */
class ClassFileVersionsTest {
    private static final Path BOX_SOURCES = Path.of("src/test/java/io/jasyncio/weaver/box");
    private static final List<String> BOXES = List.of("LoopsBox", "TryCatchBox", "SwitchesBox", "LambdasBox", "LazyLambdasBox",
            "ConstructorArgumentsBox", "LocalsAndStackBox", "AsyncResourcesBox", "GeneratorsBox");
    private static final int TEMURIN_25 = 25;

    static Stream<Integer> releases() {
        return IntStream.rangeClosed(17, Runtime.version().feature()).boxed();
    }

    @ParameterizedTest(name = "--release {0}")
    @MethodSource("releases")
    void boxesCompiledForThisReleaseWeaveVerifyAndRun(int release, @TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", Integer.toString(release), "-g", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"));
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(boxSources())).call();
        assertEquals(true, compiled, diagnostics.toString());
        assertEquals(44 + release, classVersion(classes.resolve("io/jasyncio/weaver/box/LoopsBox.class")));

        WovenClasses woven = new WovenClasses("io.jasyncio.weaver.box", WovenClasses.fromDirectory(classes));
        for (String box : BOXES) {
            Method entry = woven.load("io.jasyncio.weaver.box." + box).getDeclaredMethod("box");
            entry.setAccessible(true);
            assertEquals("OK", Asyncio.run((Coroutine<?>) entry.invoke(null)), box + " compiled for " + release);
        }
    }

    @Test
    void boxesCompiledByTemurin25WeaveAndVerifyOnAnOlderJdk(@TempDir Path classes) throws Exception {
        Path temurin25 = Path.of(System.getProperty("java.home")).getParent().resolve("temurin-25-jdk-amd64/bin/javac");
        assumeTrue(Runtime.version().feature() < TEMURIN_25, "this JDK compiles release 25 itself");
        assumeTrue(Files.isExecutable(temurin25), "no Temurin 25 JDK beside this one");
        List<String> command = new ArrayList<>(List.of(temurin25.toString(), "--release", "25", "-g", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(boxSources());
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes());
        javac.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, javac.exitValue(), output);

        try (Stream<Path> files = Files.walk(classes)) {
            for (Path classFile : files.filter(file -> file.toString().endsWith(".class")).toList()) {
                assertEquals(69, classVersion(classFile), classFile.toString());
                String binaryName = classes.relativize(classFile).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                WovenClasses.weaveAndVerifyWithoutLoading(binaryName, Files.readAllBytes(classFile));
            }
        }
    }

    private static List<String> boxSources() {
        try (Stream<Path> sources = Files.list(BOX_SOURCES)) {
            return sources.map(Path::toString).filter(name -> name.endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int classVersion(Path classFile) throws IOException {
        return new ClassReader(Files.readAllBytes(classFile)).readUnsignedShort(6);
    }
}
