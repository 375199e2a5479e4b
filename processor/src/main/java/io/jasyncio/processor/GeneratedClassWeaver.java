// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jasyncio.weaver.AtomicFiles;
import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import io.jasyncio.weaver.WeaveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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
    /**
     * For each top-level class analysed and not yet written, the first tree on each line of its source,
     * nested classes and lambdas included: a refusal is reported there. Taken when javac has analysed the
     * class, since javac drops each class's members from its tree once it has written its class file.
     */
    private final Map<TypeElement, Map<Long, Tree>> treesByLine = new HashMap<>();
    /** Whether a class was refused: javac writes no class file after an error. */
    private boolean refusedAny;

    GeneratedClassWeaver(ProcessingEnvironment environment) {
        this.trees = Trees.instance(environment);
        this.messager = environment.getMessager();
        this.classFiles = new WrittenClassFiles(environment);
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getTypeElement() == null) {
            return;
        }
        if (event.getKind() == TaskEvent.Kind.ANALYZE) {
            TreePath path = trees.getPath(event.getTypeElement());
            if (path != null) {
                treesByLine.put(event.getTypeElement(), SourceLines.firstTreeOnEachLine(path, trees));
            }
        } else if (event.getKind() == TaskEvent.Kind.GENERATE) {
            weave(event.getTypeElement(), event.getCompilationUnit());
        }
    }

    private void weave(TypeElement type, CompilationUnitTree unit) {
        TypeElement topLevel = topLevelOf(type);
        Map<Long, Tree> lines = type == topLevel ? treesByLine.remove(topLevel) : treesByLine.get(topLevel);
        Path classFile = classFiles.find(type, unit);
        if (classFile == null) {
            // After an error javac writes no more class files, yet it still reports each class.
            if (!refusedAny) {
                messager.printMessage(Diagnostic.Kind.WARNING, classFileNotFound(type), type);
            }
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
            refusedAny = true;
            for (WeaveError error : refused.errors()) {
                reportAtLine(unit, lines, type, error);
            }
            deleteQuietly(classFile);
        } catch (IOException | RuntimeException failure) {
            refusedAny = true;
            messager.printMessage(Diagnostic.Kind.ERROR, "jasyncio could not weave " + classFile + ", which is"
                    + " deleted rather than left unwoven; please report this bug: " + failure, type);
            deleteQuietly(classFile);
        }
    }

    /**
     * The error at its line, as javac reports its own: at the first piece of the class's code that
     * starts on that line; at the class, with the line in the text, if there is none.
     */
    private void reportAtLine(CompilationUnitTree unit, Map<Long, Tree> lines, TypeElement type, WeaveError error) {
        Tree atLine = lines == null ? null : lines.get((long) error.line());
        if (atLine == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, error.toString(), type);
        } else {
            trees.printMessage(Diagnostic.Kind.ERROR,
                    error.message() + " (in " + error.className() + "." + error.methodName() + ")", atLine, unit);
        }
    }

    private static TypeElement topLevelOf(TypeElement type) {
        Element outermost = type;
        while (outermost.getEnclosingElement() != null && outermost.getEnclosingElement().getKind() != ElementKind.PACKAGE
                && outermost.getEnclosingElement().getKind() != ElementKind.MODULE) {
            outermost = outermost.getEnclosingElement();
        }
        return outermost instanceof TypeElement topLevel ? topLevel : type;
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
