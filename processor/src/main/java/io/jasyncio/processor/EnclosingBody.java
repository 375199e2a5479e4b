// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The code that a piece of source runs in once compiled: the innermost method, lambda or initialiser
 * around it. An anonymous or local class's method is its own body, and so is a lambda: an
 * {@code await} inside them is not in the method that declares them.
 *
 * @param kind what the body is
 * @param path the body's tree (a method, a lambda, an initialiser block, or a field whose initialiser
 *     it is)
 */
record EnclosingBody(Kind kind, TreePath path) {
    /** The kinds of body, as far as suspending goes. */
    enum Kind {
        /** A method annotated {@code @Async}: it can suspend. */
        ASYNC_METHOD,
        /** A lambda whose method returns {@code Coroutine}: it can suspend. */
        ASYNC_LAMBDA,
        /** Any other method. */
        PLAIN_METHOD,
        /** Any other lambda. */
        PLAIN_LAMBDA,
        /** A lambda whose target type javac could not resolve: javac reports that, and the checks say no more. */
        UNRESOLVED_LAMBDA,
        /** A constructor. */
        CONSTRUCTOR,
        /** An instance initialiser block or an instance field's initialiser, which run in the constructors. */
        INSTANCE_INITIALISER,
        /** A static initialiser block or a static field's initialiser, which run in the class initialiser. */
        STATIC_INITIALISER;

        /** Whether code in a body of this kind can suspend: it is woven into a state machine. */
        boolean isCoroutine() {
            return this == ASYNC_METHOD || this == ASYNC_LAMBDA;
        }
    }

    /** The innermost body around {@code site}. */
    static EnclosingBody of(TreePath site, CheckContext context) {
        Trees trees = context.trees();
        for (TreePath path = site; path != null; path = path.getParentPath()) {
            Tree tree = path.getLeaf();
            Tree parent = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
            if (tree instanceof MethodTree) {
                return new EnclosingBody(methodKind((ExecutableElement) trees.getElement(path), context), path);
            }
            if (tree instanceof LambdaExpressionTree) {
                return new EnclosingBody(lambdaKind(context.lambdas().implementedReturnType(path), context), path);
            }
            if (tree instanceof BlockTree block && isClassBody(parent)) {
                return new EnclosingBody(initialiserKind(block.isStatic()), path);
            }
            if (tree instanceof VariableTree && isClassBody(parent)) {
                // Fields of interfaces are static without saying so; the element knows.
                boolean isStatic = trees.getElement(path).getModifiers().contains(Modifier.STATIC);
                return new EnclosingBody(initialiserKind(isStatic), path);
            }
        }
        throw new IllegalArgumentException("not inside a method, lambda or initialiser: " + site.getLeaf());
    }

    private static Kind lambdaKind(TypeMirror implementedReturnType, CheckContext context) {
        if (implementedReturnType == null || implementedReturnType.getKind() == TypeKind.ERROR) {
            return Kind.UNRESOLVED_LAMBDA;
        }
        return context.jasyncio().isAsyncLambdaReturnType(implementedReturnType) ? Kind.ASYNC_LAMBDA : Kind.PLAIN_LAMBDA;
    }

    private static Kind initialiserKind(boolean isStatic) {
        return isStatic ? Kind.STATIC_INITIALISER : Kind.INSTANCE_INITIALISER;
    }

    private static Kind methodKind(ExecutableElement method, CheckContext context) {
        if (method.getSimpleName().contentEquals("<init>")) {
            return Kind.CONSTRUCTOR;
        }
        return context.jasyncio().isAsync(method) ? Kind.ASYNC_METHOD : Kind.PLAIN_METHOD;
    }

    /** Whether {@code tree} is a class body (of a class, interface, enum, record or anonymous class). */
    private static boolean isClassBody(Tree tree) {
        return tree instanceof ClassTree;
    }

    /**
     * The trees around {@code site} inside this body, innermost first, each with the child on the way
     * to {@code site}: what decides whether a {@code synchronized} or a {@code try} around the site
     * holds it at run time.
     */
    List<Step> stepsOutFrom(TreePath site) {
        List<Step> steps = new ArrayList<>();
        for (TreePath child = site; child.getLeaf() != path.getLeaf(); child = child.getParentPath()) {
            steps.add(new Step(child.getParentPath(), child.getLeaf()));
        }
        return steps;
    }

    /**
     * One step outwards from a site: a tree around it and the child of that tree that holds the site.
     *
     * @param enclosing the tree around the site
     * @param child the child of {@code enclosing} on the way to the site
     */
    record Step(TreePath enclosing, Tree child) {
    }
}
