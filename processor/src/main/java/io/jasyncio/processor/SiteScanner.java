// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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
    private final List<TreePath> emits = new ArrayList<>();
    private final List<TreePath> awaitReferences = new ArrayList<>();
    private final List<TreePath> asyncMethods = new ArrayList<>();
    private final List<TreePath> discardedCalls = new ArrayList<>();
    private final List<Sites.LocalStore> localStores = new ArrayList<>();
    private final Set<Element> readLocals = new HashSet<>();
    private final List<TreePath> methodReferences = new ArrayList<>();
    private final List<TreePath> tryResources = new ArrayList<>();

    private SiteScanner(CheckContext context) {
        this.context = context;
    }

    /** The sites of the class at {@code classPath}. */
    static Sites sitesOf(TreePath classPath, CheckContext context) {
        SiteScanner scanner = new SiteScanner(context);
        scanner.scan(classPath, null);
        return new Sites(List.copyOf(scanner.awaits), List.copyOf(scanner.emits), List.copyOf(scanner.awaitReferences), List.copyOf(scanner.asyncMethods),
                List.copyOf(scanner.discardedCalls), List.copyOf(scanner.localStores), Set.copyOf(scanner.readLocals),
                List.copyOf(scanner.methodReferences),
                List.copyOf(scanner.tryResources));
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        Element called = context.trees().getElement(getCurrentPath());
        if (context.jasyncio().isAwait(called)) {
            awaits.add(getCurrentPath());
        } else if (context.jasyncio().isEmit(called)) {
            emits.add(getCurrentPath());
        }
        return super.visitMethodInvocation(invocation, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (context.jasyncio().isAwait(context.trees().getElement(getCurrentPath()))) {
            awaitReferences.add(getCurrentPath());
        } else {
            methodReferences.add(getCurrentPath());
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
    public Void visitTry(TryTree tryTree, Void unused) {
        if (!tryTree.getResources().isEmpty()) {
            tryResources.add(getCurrentPath());
        }
        return super.visitTry(tryTree, unused);
    }

    @Override
    public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        if (statement.getExpression() instanceof MethodInvocationTree) {
            discardedCalls.add(new TreePath(getCurrentPath(), statement.getExpression()));
        }
        return super.visitExpressionStatement(statement, unused);
    }

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() instanceof MethodInvocationTree) {
            noteLocalStore(context.trees().getElement(getCurrentPath()),
                    new TreePath(getCurrentPath(), variable.getInitializer()));
        }
        return super.visitVariable(variable, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (assignment.getExpression() instanceof MethodInvocationTree) {
            noteLocalStore(context.trees().getElement(new TreePath(getCurrentPath(), assignment.getVariable())),
                    new TreePath(getCurrentPath(), assignment.getExpression()));
        }
        return super.visitAssignment(assignment, unused);
    }

    private void noteLocalStore(Element variable, TreePath call) {
        if (variable != null && variable.getKind() == ElementKind.LOCAL_VARIABLE) {
            localStores.add(new Sites.LocalStore(variable, call));
        }
    }

    @Override
    public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        boolean assignedTo = getCurrentPath().getParentPath().getLeaf() instanceof AssignmentTree assignment
                && assignment.getVariable() == identifier;
        if (!assignedTo) {
            Element element = context.trees().getElement(getCurrentPath());
            if (element != null && element.getKind() == ElementKind.LOCAL_VARIABLE) {
                readLocals.add(element);
            }
        }
        return super.visitIdentifier(identifier, unused);
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
