// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Walks one attributed class, nested, local and anonymous classes included, and collects its
 * {@link Sites}. A call is an {@code await} by the method it resolves to, never by its name: a
 * user's own method named {@code await} is not one.
 */
final class SiteScanner extends TreePathScanner<Void, Void> {
    private final CheckContext context;
    private final List<TreePath> awaits = new ArrayList<>();
    private final List<TreePath> awaitReferences = new ArrayList<>();
    private final List<TreePath> asyncMethods = new ArrayList<>();
    private final List<TreePath> discardedCalls = new ArrayList<>();

    private SiteScanner(CheckContext context) {
        this.context = context;
    }

    /** The sites of the class at {@code classPath}. */
    static Sites sitesOf(TreePath classPath, CheckContext context) {
        SiteScanner scanner = new SiteScanner(context);
        scanner.scan(classPath, null);
        return new Sites(List.copyOf(scanner.awaits), List.copyOf(scanner.awaitReferences), List.copyOf(scanner.asyncMethods),
                List.copyOf(scanner.discardedCalls));
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (context.jasyncio().isAwait(context.trees().getElement(getCurrentPath()))) {
            awaits.add(getCurrentPath());
        }
        return super.visitMethodInvocation(invocation, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (context.jasyncio().isAwait(context.trees().getElement(getCurrentPath()))) {
            awaitReferences.add(getCurrentPath());
        }
        return super.visitMemberReference(reference, unused);
    }

    @Override
    public Void visitMethod(MethodTree method, Void unused) {
        if (context.trees().getElement(getCurrentPath()) instanceof ExecutableElement element
                && context.jasyncio().isAsync(element)) {
            asyncMethods.add(getCurrentPath());
        }
        return super.visitMethod(method, unused);
    }

    @Override
    public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        if (statement.getExpression() instanceof MethodInvocationTree) {
            discardedCalls.add(new TreePath(getCurrentPath(), statement.getExpression()));
        }
        return super.visitExpressionStatement(statement, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        // () -> greet("world") as a Runnable drops the call's value just as the statement greet("world"); does.
        if (lambda.getBody() instanceof MethodInvocationTree) {
            TypeMirror returnType = context.lambdas().implementedReturnType(getCurrentPath());
            if (returnType != null && returnType.getKind() == TypeKind.VOID) {
                discardedCalls.add(new TreePath(getCurrentPath(), lambda.getBody()));
            }
        }
        return super.visitLambdaExpression(lambda, unused);
    }
}
