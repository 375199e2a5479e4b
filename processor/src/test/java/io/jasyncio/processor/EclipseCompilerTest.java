// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.weaver.ClassWeaver;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.analysis.Analyzer;

/**
 * Eclipse's compiler (ECJ) runs annotation processors but has no javac task to weave in: the processor
 * says so once, with what to do instead, and the classes come out as ECJ wrote them.
 */
class EclipseCompilerTest {
    @Test
    void warnsOnceThatItsClassesNeedThePluginOrTheAgent(@TempDir Path directory) throws IOException {
        Path source = JavacRun.write(directory.resolve("src"), "demo/Main.java", """
                package demo;

                import static io.jasyncio.Asyncio.*;

                import io.jasyncio.Coroutine;
                import io.jasyncio.annotations.Async;

                public class Main {
                    @Async
                    static Coroutine<Void> main() {
                        await(sleep(0));
                        return result(null);
                    }
                }
                """);
        Path classes = directory.resolve("classes");
        String classPath = Stream.of(Async.class, Coroutine.class).map(Snippets::locationOf).map(Path::toString)
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        // What the processor jar holds: the processor, the weaver and ASM.
        String processorPath = Stream.of(AsyncProcessor.class, ClassWeaver.class, ClassReader.class, ClassNode.class,
                        Analyzer.class, AnalyzerAdapter.class)
                .map(Snippets::locationOf).map(Path::toString).distinct()
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        StringWriter output = new StringWriter();

        boolean compiled = BatchCompiler.compile(new String[] {"-17", "-proc:full", "-d", classes.toString(),
                "-cp", classPath, "-processorpath", processorPath, source.toString()},
                new PrintWriter(output), new PrintWriter(output), null);

        assertTrue(compiled, output.toString());
        Matcher warnings = Pattern.compile("WARNING: " + Pattern.quote(AsyncProcessor.NOT_JAVAC)).matcher(output.toString());
        assertEquals(1, warnings.results().count(), output.toString());
        assertTrue(AsyncProcessor.NOT_JAVAC.contains("jasyncio-maven-plugin") && AsyncProcessor.NOT_JAVAC.contains("-javaagent"));
        assertFalse(ClassWeaver.isWoven(Files.readAllBytes(classes.resolve("demo/Main.class"))));
        assertEquals(List.of("Main.class"), List.of(classes.resolve("demo").toFile().list()));
    }
}
