// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs this JVM's javac on source files on disk, as a build does, with the annotations and the runtime
 * on the class path, and with the processor or without it ({@code -proc:none}).
 */
final class JavacRun {
    private JavacRun() {
    }

    /**
     * What javac did: whether it succeeded and what it reported, in source order.
     *
     * @param succeeded whether javac reported no error
     * @param reported the diagnostics
     */
    record Outcome(boolean succeeded, List<Snippets.Reported> reported) {
    }

    /**
     * Compiles {@code sources} into {@code classes}, or beside each source file if {@code classes}
     * is {@code null}, with the processor given to javac directly or none.
     */
    static Outcome compile(List<Path> sources, Path classes, boolean withProcessor, Path... classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> path = new ArrayList<>(List.of(
                Snippets.locationOf(Async.class).toString(), Snippets.locationOf(Coroutine.class).toString()));
        Stream.of(classPath).map(Path::toString).forEach(path::add);
        List<String> options = new ArrayList<>(List.of("-classpath", String.join(File.pathSeparator, path)));
        if (classes != null) {
            options.addAll(List.of("-d", classes.toString()));
        }
        if (!withProcessor) {
            options.add("-proc:none");
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (withProcessor) {
                task.setProcessors(List.of(new AsyncProcessor()));
            }
            boolean succeeded = task.call();
            return new Outcome(succeeded, diagnostics.getDiagnostics().stream()
                    .map(d -> new Snippets.Reported(d.getKind(), d.getLineNumber(), d.getColumnNumber(), d.getMessage(null)))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code source} to {@code directory/fileName}, creating the directories, and returns the file. */
    static Path write(Path directory, String fileName, String source) {
        try {
            Path file = directory.resolve(fileName);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every class file under {@code directory}, by its path relative to it. */
    static Map<String, byte[]> classFiles(Path directory) {
        Map<String, byte[]> classFiles = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                classFiles.put(directory.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classFiles;
    }
}
