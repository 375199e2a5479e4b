// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * Finds the class file that javac has just written for a class.
 *
 * <p>With {@code -d} (as every build tool passes it) that is the class output directory, which the
 * {@link Filer} names; without it javac writes each class file beside its source file. Both places
 * are looked at, and if both hold a class file, the newer one is the one javac has just written. A
 * class file older than the compilation is a stale one, left by an earlier build: a tool that runs
 * javac with a file manager of its own may keep the new bytes in memory and write them later, over
 * whatever the processor would weave, so it is not taken.
 */
final class WrittenClassFiles {
    private final Filer filer;
    private final Elements elements;
    /** A little before the compilation began, for file systems that keep modification times coarsely. */
    private final FileTime compilationStart = FileTime.fromMillis(System.currentTimeMillis() - 2_000);

    WrittenClassFiles(ProcessingEnvironment environment) {
        this.filer = environment.getFiler();
        this.elements = environment.getElementUtils();
    }

    /**
     * The class file of {@code type}, compiled from {@code unit}, or {@code null} if javac wrote none
     * on a file system in this compilation.
     */
    Path find(TypeElement type, CompilationUnitTree unit) {
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String binaryName = elements.getBinaryName(type).toString();
        String fileName = (packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1)) + ".class";
        List<Path> candidates = new ArrayList<>();
        try {
            addIfFile(candidates, filer.getResource(StandardLocation.CLASS_OUTPUT, packageName, fileName).toUri());
        } catch (IOException | IllegalArgumentException | IllegalStateException noClassOutput) {
            // No such location, or one that is not a directory: the source's directory may still be.
        }
        if (unit != null) {
            URI source = unit.getSourceFile().toUri();
            if ("file".equals(source.getScheme())) {
                addIfFile(candidates, Path.of(source).resolveSibling(fileName).toUri());
            }
        }
        return candidates.stream().max(Comparator.comparing(WrittenClassFiles::lastModified))
                .filter(newest -> lastModified(newest).compareTo(compilationStart) >= 0).orElse(null);
    }

    private static void addIfFile(List<Path> candidates, URI uri) {
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(uri);
            if (Files.isRegularFile(path) && !candidates.contains(path)) {
                candidates.add(path);
            }
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }
}
