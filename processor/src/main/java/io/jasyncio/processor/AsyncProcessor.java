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
 * The annotation processor: javac weaves every class it compiles and reports misuse of {@code @Async}
 * and {@code await} at the line of the mistake, with the explanations the weaver would give at weave
 * time.
 *
 * <p>Weaving: each class file that javac writes is woven in place before javac finishes, by the weaver
 * of the agent and the Maven plugin, so that any javac build with this jar on its processor path (the
 * command line, Maven's {@code annotationProcessorPaths}, Gradle's {@code annotationProcessor}, an
 * IDE's build) runs without the agent or the plugin, with the same bytes as theirs. A method that
 * the weaver refuses is a javac error at its line, and its class file is not left behind
 * ({@link GeneratedClassWeaver}). A compiler that is not javac (Eclipse's) has no such hook: the
 * processor warns once that its classes need the plugin or the agent.
 *
 * <p>Errors: an {@code await} outside an {@code @Async} method or async lambda (in a plain method, a
 * lambda that does not return {@code Coroutine}, a constructor or an initialiser); an {@code await}
 * inside a {@code synchronized} block; an {@code @Async} method that does not return {@code Coroutine},
 * is abstract or native, or is {@code synchronized}. Warnings: a coroutine that is never awaited because
 * the call's value is thrown away, or stored in a local variable that nothing reads, or because a method
 * reference that returns it is given where a functional interface returns {@code void}
 * ({@code callSoon(this::work)}); a {@code catch (Throwable)} or {@code catch (Error)} around an
 * {@code await} that swallows
 * {@code CancelledError}.
 *
 * <p>Registered as a service, so that its jar on the processor path is enough: the weaver and its
 * relocated ASM are inside it. It claims no annotation and generates nothing: it supports {@code "*"}
 * because an {@code await} outside any {@code @Async} method is a mistake in a class that may have no
 * annotation at all. The checks need method bodies with every call resolved, which the processing
 * rounds do not have yet, so it runs them from a javac task listener once each class has been analysed
 * ({@link AnalyzedClassChecker}).
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

    /**
     * The warning of a compiler that is not javac, which neither weaves nor checks: what to do instead.
     * Once per compilation.
     */
    static final String NOT_JAVAC = "jasyncio's processor weaves and checks @Async code only in javac; this"
            + " compiler's classes are not woven, and their awaits will throw io.jasyncio.NotWovenError: weave them"
            + " with the jasyncio-maven-plugin (goals weave and weave-tests) or run with"
            + " -javaagent:jasyncio-agent.jar";

    /**
     * Registers the checks and the weaving of each class file with the javac task that runs this
     * processor; outside javac, warns that neither happens.
     */
    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        JavacTask task;
        try {
            task = JavacTask.instance(environment);
        } catch (IllegalArgumentException | UnsupportedOperationException notJavac) {
            environment.getMessager().printMessage(Diagnostic.Kind.WARNING, NOT_JAVAC);
            return;
        }
        task.addTaskListener(new AnalyzedClassChecker(environment, checks));
        task.addTaskListener(new GeneratedClassWeaver(environment));
    }

    /** Claims nothing, so that other processors still see every annotation. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }
}
