// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;

/** Where a class file's line numbers are in the source: a tree to report a weave error at. */
final class SourceLines {
    private SourceLines() {
    }

    /**
     * By line, the outermost tree that starts first on that line, in the class at {@code classPath}
     * (its nested and local classes and its lambdas included): what javac would report an error of
     * that line at.
     */
    static Map<Long, Tree> firstTreeOnEachLine(TreePath classPath, Trees trees) {
        CompilationUnitTree unit = classPath.getCompilationUnit();
        SourcePositions positions = trees.getSourcePositions();
        Map<Long, Tree> firstOnLine = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null) {
                    long start = positions.getStartPosition(unit, tree);
                    if (start >= 0) {
                        firstOnLine.putIfAbsent(unit.getLineMap().getLineNumber(start), tree);
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(classPath.getLeaf(), null);
        return firstOnLine;
    }
}
