// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.jasyncio.weaver.AtomicFiles;
import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import io.jasyncio.weaver.WeaveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Weaves each class file as soon as javac has written it, before javac finishes, with the weaver of
 * the agent and the Maven plugin, so that every javac build that runs the processor is woven and the
 * three produce the same bytes.
 *
 * <p>javac writes one class file for each class, nested, local and anonymous ones included, and tells
 * its task listeners with a {@code GENERATE} event that ends once the file is closed; async lambdas are
 * methods of the class that holds them. The class file is rewritten in place, atomically, and only if
 * weaving changed it, so a class without {@code @Async} code keeps javac's bytes. Weaving is
 * idempotent: javac writes fresh, unwoven bytes each time it compiles a class, and the weaver leaves a
 * woven class as it is.
 *
 * <p>A method that the weaver refuses becomes a javac error at its line, and the class file is
 * deleted, so that no build goes on with a class that is half woven or not woven at all; javac then
 * fails, and the next build compiles the class again.
 */
final class GeneratedClassWeaver implements TaskListener {
    private final Trees trees;
    private final Messager messager;
    private final WrittenClassFiles classFiles;

    GeneratedClassWeaver(ProcessingEnvironment environment) {
        this.trees = Trees.instance(environment);
        this.messager = environment.getMessager();
        this.classFiles = new WrittenClassFiles(environment);
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.GENERATE || event.getTypeElement() == null) {
            return;
        }
        TypeElement type = event.getTypeElement();
        Path classFile = classFiles.find(type, event.getCompilationUnit());
        if (classFile == null) {
            messager.printMessage(Diagnostic.Kind.WARNING, classFileNotFound(type), type);
            return;
        }
        try {
            byte[] written = Files.readAllBytes(classFile);
            if (!ClassWeaver.mayNeedWeaving(written)) {
                return;
            }
            byte[] woven = ClassWeaver.weave(written);
            if (woven != written) {
                AtomicFiles.write(classFile, woven);
            }
        } catch (WeaveException refused) {
            for (WeaveError error : refused.errors()) {
                reportAtLine(event.getCompilationUnit(), error);
            }
            deleteQuietly(classFile);
        } catch (IOException | RuntimeException failure) {
            messager.printMessage(Diagnostic.Kind.ERROR, "jasyncio could not weave " + classFile + ", which is"
                    + " deleted rather than left unwoven; please report this bug: " + failure, type);
            deleteQuietly(classFile);
        }
    }

    /** The error at its line, as javac reports its own: at the first piece of code that starts on that line. */
    private void reportAtLine(CompilationUnitTree unit, WeaveError error) {
        String message = error.message() + " (in " + error.className() + "." + error.methodName() + ")";
        Tree atLine = error.line() < 0 ? null : firstTreeOnLine(unit, error.line());
        if (atLine == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, error.toString());
        } else {
            trees.printMessage(Diagnostic.Kind.ERROR, message, atLine, unit);
        }
    }

    private Tree firstTreeOnLine(CompilationUnitTree unit, long line) {
        var positions = trees.getSourcePositions();
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree == null || found[0] != null) {
                    return null;
                }
                long start = positions.getStartPosition(unit, tree);
                if (start >= 0 && unit.getLineMap().getLineNumber(start) == line) {
                    found[0] = tree;
                    return null;
                }
                return super.scan(tree, unused);
            }
        }.scan(unit, null);
        return found[0];
    }

    private static void deleteQuietly(Path classFile) {
        try {
            Files.deleteIfExists(classFile);
        } catch (IOException ignored) {
            // javac fails on the error reported; a class file that stays is compiled again next time.
        }
    }

    private static String classFileNotFound(TypeElement type) {
        return "jasyncio cannot find the class file that javac wrote for " + type + ", so it is not woven;"
                + " weave the classes with the jasyncio-maven-plugin or run with -javaagent:jasyncio-agent.jar";
    }
}
