// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Types;

/**
 * Runs every check over each top-level class (its nested classes with it) as soon as javac has
 * analysed it: attributed, so that every call in a method body resolves to its method and every
 * expression has its type, and flow-checked.
 *
 * <p>An annotation processor's rounds come before attribution, when method bodies are bare syntax;
 * this listener is how the processor sees them resolved. javac analyses a class even when it has
 * found errors in it, so the checks meet unresolved symbols and types, and leave them to javac's own
 * errors.
 */
final class AnalyzedClassChecker implements TaskListener {
    /** The rules, in the order their findings read best: errors about the method, then about its body. */
    static final List<Check> ALL_CHECKS = List.of(
            new AsyncMethodSignatureCheck(),
            new SynchronizedAsyncMethodCheck(),
            new AwaitOutsideCoroutineCheck(),
            new EmitOutsideGeneratorCheck(),
            new AwaitInSynchronizedCheck(),
            new SwallowedCancellationCheck(),
            new DiscardedCoroutineCheck(),
            new UnawaitedLocalCoroutineCheck(),
            new CoroutineReferenceAsVoidCheck(),
            new AsyncResourceCheck());

    private final Trees trees;
    private final Types types;
    private final JasyncioTypes jasyncio;
    private final LambdaTypes lambdas;
    private final List<Check> checks;

    AnalyzedClassChecker(ProcessingEnvironment environment, List<Check> checks) {
        this.checks = checks;
        this.trees = Trees.instance(environment);
        this.types = environment.getTypeUtils();
        this.jasyncio = new JasyncioTypes(environment.getElementUtils(), types);
        this.lambdas = new LambdaTypes(trees, environment.getElementUtils(), types);
    }

    @Override
    public void finished(TaskEvent event) {
        // ANALYZE comes once per top-level class; package-info and module-info have no class to check.
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TreePath classPath = trees.getPath(event.getTypeElement());
        if (classPath == null) {
            return;
        }
        Reporter reporter = new Reporter(trees, event.getCompilationUnit());
        CheckContext context = new CheckContext(trees, types, jasyncio, lambdas, reporter);
        try {
            Sites sites = SiteScanner.sitesOf(classPath, context);
            for (Check check : checks) {
                check.check(sites, context);
            }
        } catch (RuntimeException bug) {
            // Thrown out of a task listener, it would stop javac with "An exception has occurred in the
            // compiler", blaming javac; the weaver still refuses what matters, so the build may go on.
            reporter.warning(classPath.getLeaf(), Messages.checksFailed(event.getTypeElement().toString(), bug));
        }
    }
}
