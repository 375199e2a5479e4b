// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a snippet of source in this JVM, with the annotations and the runtime on its class path,
 * and returns what javac reported, in source order.
 *
 * <p>Every snippet is compiled as {@code Snippet.java} with the imports that jasyncio code usually
 * has ({@code import static io.jasyncio.Asyncio.*}, {@code io.jasyncio.*}, {@code @Async},
 * {@code java.util.*} and {@code java.util.function.*}) written before its first line, on that same
 * line, so that a snippet's line numbers are those of its own text.
 */
final class Snippets {
    private static final String IMPORTS = "import static io.jasyncio.Asyncio.*; import io.jasyncio.*;"
            + " import io.jasyncio.annotations.Async; import java.util.*; import java.util.function.*; ";
    private static final Path CLASSES = Path.of("target", "snippet-classes");

    private Snippets() {
    }

    /**
     * What javac reports about one thing: its kind, position and text.
     *
     * @param kind error, warning or note
     * @param line the line, from 1
     * @param column the column, from 1
     * @param message the text
     */
    record Reported(Diagnostic.Kind kind, long line, long column, String message) {
        @Override
        public String toString() {
            return kind + " " + line + ":" + column + " " + message;
        }
    }

    /** An error at {@code line}:{@code column}. */
    static Reported error(long line, long column, String message) {
        return new Reported(Diagnostic.Kind.ERROR, line, column, message);
    }

    /** A warning at {@code line}:{@code column}. */
    static Reported warning(long line, long column, String message) {
        return new Reported(Diagnostic.Kind.WARNING, line, column, message);
    }

    /** What javac reports about {@code source} with the processor given to it directly. */
    static List<Reported> compile(String source) {
        return compile(source, List.of(new AsyncProcessor()));
    }

    /**
     * What javac reports about {@code statements} as the body of {@code @Async Coroutine<Void> main()},
     * an instance method of {@code class Snippet}, before its {@code return result(null);}. The method's
     * head is written before the first statement, on its line, so that line numbers are those of
     * {@code statements}.
     */
    static List<Reported> compileAsyncMain(String statements) {
        return compile("class Snippet { @Async Coroutine<Void> main() { " + statements + "return result(null); } }");
    }

    /** What javac reports about {@code source} with the processors it finds on {@code -processorpath}. */
    static List<Reported> compileWithProcessorPath(String source, Path processorPath) {
        return compile(source, null, List.of("-processorpath", processorPath.toString()));
    }

    /** What javac reports about {@code source}, with jasyncio on the class path, and none of the processor's doing. */
    static List<Reported> compileWithoutProcessor(String source) {
        return compile(source, List.of());
    }

    /** The directory or jar that holds {@code type}'s class file. */
    static Path locationOf(Class<?> type) {
        try {
            URI location = type.getProtectionDomain().getCodeSource().getLocation().toURI();
            return Path.of(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What javac reports about {@code source} with {@code processors} given to it directly. */
    static List<Reported> compile(String source, List<Processor> processors) {
        return compile(source, processors, List.of());
    }

    private static List<Reported> compile(String source, List<Processor> processors, List<String> extraOptions) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-d", CLASSES.toString(), "-classpath",
                locationOf(Async.class) + File.pathSeparator + locationOf(Coroutine.class)));
        options.addAll(extraOptions);
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics, options, null,
                List.of(new Source(IMPORTS + source)));
        if (processors != null) {
            task.setProcessors(processors);
        }
        CLASSES.toFile().mkdirs();
        task.call();
        return diagnostics.getDiagnostics().stream()
                .map(d -> new Reported(d.getKind(), d.getLineNumber(), d.getColumnNumber(), d.getMessage(null)))
                .sorted(Comparator.comparingLong(Reported::line).thenComparingLong(Reported::column))
                .toList();
    }

    /** The snippet as javac reads it: a file named {@code Snippet.java} that lives in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
