// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.tools.Diagnostic;

/**
 * Reports the checks' findings through javac, at the position of a tree of one compilation unit, so
 * that they read like javac's own: {@code Owner.java:12: error: await inside a synchronized block...}.
 *
 * <p>javac shows one error per source position, so checks that can both fire on one piece of code
 * report at different trees (the method, its return type, the await). A call is reported at the name
 * of its method, as javac reports its own errors about calls, and a parameterized type at its name,
 * rather than at the opening parenthesis or angle bracket where their trees have their positions.
 */
final class Reporter {
    private final Trees trees;
    private final CompilationUnitTree unit;

    Reporter(Trees trees, CompilationUnitTree unit) {
        this.trees = trees;
        this.unit = unit;
    }

    /** Reports an error at {@code tree}: the compilation fails. */
    void error(Tree tree, String message) {
        trees.printMessage(Diagnostic.Kind.ERROR, message, positionOf(tree), unit);
    }

    /** Reports a warning at {@code tree}. */
    void warning(Tree tree, String message) {
        trees.printMessage(Diagnostic.Kind.WARNING, message, positionOf(tree), unit);
    }

    private static Tree positionOf(Tree tree) {
        if (tree instanceof MethodInvocationTree call) {
            return call.getMethodSelect();
        }
        if (tree instanceof ParameterizedTypeTree type) {
            return type.getType();
        }
        return tree;
    }
}
