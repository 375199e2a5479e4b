// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles generated programs in-process with the running JDK's javac, for the running JDK's
 * release (so on JDK 25 the class files are version 69), against the test class path, with full
 * debug information as Maven compiles. Reuses one file manager, so use one instance per thread.
 */
final class ProgramCompiler implements AutoCloseable {
    private final JavaCompiler javac;
    private final StandardJavaFileManager fileManager;
    private final List<String> options;

    ProgramCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the fuzzer on a JDK, not a JRE");
        }
        fileManager = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        options = List.of("--release", Integer.toString(Runtime.version().feature()), "-proc:none", "-g", "-nowarn",
                "-classpath", System.getProperty("java.class.path"));
    }

    /**
     * Compiles {@code programs} in one javac task into {@code directory}. Returns javac's errors by
     * the binary name of each program that does not compile; empty when all compiled. When javac
     * fails without naming a program (javac itself crashed), compiles each alone to find which.
     */
    Map<String, String> compile(List<GeneratedProgram> programs, Path directory) {
        Attempt batch = attempt(programs, directory);
        if (batch.succeeded() || !batch.errors().isEmpty()) {
            return batch.errors();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (GeneratedProgram program : programs) {
            Attempt alone = attempt(List.of(program), directory);
            if (!alone.succeeded()) {
                errors.put(program.binaryName(), alone.errors().getOrDefault(program.binaryName(), alone.output()));
            }
        }
        if (errors.isEmpty()) {
            throw new IllegalStateException("javac fails on the batch but on no program alone:\n" + batch.output());
        }
        return errors;
    }

    /** One javac task: whether it succeeded, its errors by program, and what else javac printed. */
    private record Attempt(boolean succeeded, Map<String, String> errors, String output) {
    }

    private Attempt attempt(List<GeneratedProgram> programs, Path directory) {
        try {
            fileManager.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ProgramSource> sources = programs.stream().map(ProgramSource::new).toList();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        boolean succeeded = javac.getTask(output, fileManager, diagnostics, options, null, sources).call();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR && diagnostic.getSource() instanceof ProgramSource source) {
                errors.merge(source.program.binaryName(),
                        "line " + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT), (a, b) -> a + "\n" + b);
            }
        }
        return new Attempt(succeeded, errors, output.toString());
    }

    @Override
    public void close() throws IOException {
        fileManager.close();
    }

    /** A generated program's source, held in memory. */
    private static final class ProgramSource extends SimpleJavaFileObject {
        final GeneratedProgram program;

        ProgramSource(GeneratedProgram program) {
            super(URI.create("string:///" + program.binaryName().replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.program = program;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return program.source();
        }
    }
}
