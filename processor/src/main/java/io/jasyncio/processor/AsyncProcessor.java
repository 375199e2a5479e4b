// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.JavacTask;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The annotation processor: javac reports misuse of {@code @Async} and {@code await} at the line of
 * the mistake, with the explanations the weaver would give at weave time.
 *
 * <p>Errors: an {@code await} outside an {@code @Async} method or async lambda (in a plain method, a
 * lambda that does not return {@code Coroutine}, a constructor or an initialiser); an {@code await}
 * inside a {@code synchronized} block; an {@code @Async} method that does not return {@code Coroutine},
 * is abstract or native, or is {@code synchronized}. Warnings: a coroutine that is never awaited because the call's value is thrown
 * away; a {@code catch (Throwable)} or {@code catch (Error)} around an {@code await} that swallows
 * {@code CancelledError}.
 *
 * <p>Registered as a service, so that its jar on the processor path is enough. It claims no
 * annotation and generates nothing: it supports {@code "*"} because an {@code await} outside any
 * {@code @Async} method is a mistake in a class that may have no annotation at all. The checks need
 * method bodies with every call resolved, which the processing rounds do not have yet, so it runs
 * them from a javac task listener once each class has been analysed ({@link AnalyzedClassChecker}).
 * javac's own trees serve better here than a separate parser such as JavaParser: they come resolved,
 * with the exact positions javac reports at, and cost nothing to build.
 */
public final class AsyncProcessor extends AbstractProcessor {
    private final List<Check> checks;

    /** Creates the processor; javac finds it through {@code META-INF/services}. */
    public AsyncProcessor() {
        this(AnalyzedClassChecker.ALL_CHECKS);
    }

    /** A processor that runs only {@code checks}, for tests. */
    AsyncProcessor(List<Check> checks) {
        this.checks = checks;
    }

    /** Every annotation, {@code "*"}, so that javac runs the processor on classes without any. */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    /** The latest that javac knows: the checks walk its trees with its own scanner, whatever the version. */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** Registers the checks with the javac task that runs this processor; outside javac, says they are off. */
    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        JavacTask task;
        try {
            task = JavacTask.instance(environment);
        } catch (IllegalArgumentException | UnsupportedOperationException notJavac) {
            environment.getMessager().printMessage(Diagnostic.Kind.NOTE, "jasyncio's compile-time checks need"
                    + " javac; this compiler runs without them (the weaver still refuses what they would report)");
            return;
        }
        task.addTaskListener(new AnalyzedClassChecker(environment, checks));
    }

    /** Claims nothing, so that other processors still see every annotation. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }
}
