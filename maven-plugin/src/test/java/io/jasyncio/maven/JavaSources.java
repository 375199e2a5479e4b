// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.processor.AsyncProcessor;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles small programs for the tests, against the runtime on the test class path, with javac 17,
 * without annotation processors unless asked.
 */
final class JavaSources {
    private static final Pattern PACKAGE = Pattern.compile("package ([\\w.]+);");
    private static final Pattern FIRST_TYPE = Pattern.compile("(?:class|interface|record|enum) (\\w+)");

    private JavaSources() {
    }

    /**
     * Compiles {@code sources}, each a compilation unit whose file is named after its first type, into
     * {@code classes}, laid out by package as javac writes them.
     */
    static void compile(Path classes, String... sources) {
        compile(classes, List.of(), sources);
    }

    /** Like {@link #compile(Path, String...)}, with jasyncio's annotation processor, which weaves what javac writes. */
    static void compileWithProcessor(Path classes, String... sources) {
        compile(classes, List.of(new AsyncProcessor()), sources);
    }

    private static void compile(Path classes, List<Processor> processors, String... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "17", "-g", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"));
        List<JavaFileObject> units = Arrays.stream(sources).map(JavaSources::unit).toList();
        JavaCompiler.CompilationTask task = javac.getTask(diagnostics, null, null, options, null, units);
        task.setProcessors(processors);
        assertTrue(task.call(), diagnostics.toString());
    }

    /** The 1-based line of {@code source} that contains {@code text}, which must occur once. */
    static int lineOf(String source, String text) {
        int at = source.indexOf(text);
        assertTrue(at >= 0 && source.indexOf(text, at + 1) < 0, text + " must occur once");
        return 1 + (int) source.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    private static JavaFileObject unit(String source) {
        Matcher type = FIRST_TYPE.matcher(source);
        assertTrue(type.find(), "no type in " + source);
        Matcher packageName = PACKAGE.matcher(source);
        String directory = packageName.find() ? packageName.group(1).replace('.', '/') + "/" : "";
        URI uri = URI.create("string:///" + directory + type.group(1) + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }
}
