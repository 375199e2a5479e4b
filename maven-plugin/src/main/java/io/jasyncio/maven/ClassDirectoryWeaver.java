// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import io.jasyncio.weaver.AtomicFiles;
import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import io.jasyncio.weaver.WeaveException;
import org.objectweb.asm.ClassReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weaves a directory of class files, such as {@code target/classes}, with the agent's weaver, all or
 * nothing: every class is woven in memory first, and the class files are rewritten only if no method
 * anywhere was refused; then each is replaced atomically. Otherwise every refused method of every class
 * is reported at once, and the directory is left as it was.
 *
 * <p>Weaving is incremental: a class that carries the weaver's marker was woven by an earlier run and
 * is skipped, and a class with nothing to weave is not rewritten, so a second run writes nothing.
 * The frame classes stay inside their owners, which define them on first use (see
 * {@code agent/WEAVING.md}); none is written beside them, where a stale one would win over the bytes
 * of a recompiled owner.
 */
public final class ClassDirectoryWeaver {
    private final ClassFileSelection selection;

    /** A weaver of the class files that {@code selection} selects. */
    public ClassDirectoryWeaver(ClassFileSelection selection) {
        this.selection = selection;
    }

    /**
     * Weaves the selected class files under {@code directory}, a directory that need not exist.
     *
     * @throws UnweavableMethodsException if any method cannot be woven; no file was changed
     * @throws IOException if a class file cannot be read or written
     * @throws IllegalStateException if a class file is malformed or the weaver fails on it; no file was changed
     */
    public WeaveSummary weave(Path directory) throws UnweavableMethodsException, IOException {
        if (!Files.isDirectory(directory)) {
            return WeaveSummary.nothingIn(directory.toString());
        }
        Map<Path, byte[]> rewritten = new LinkedHashMap<>();
        List<WovenMethod> wovenMethods = new ArrayList<>();
        List<WeaveError> errors = new ArrayList<>();
        int alreadyWoven = 0;
        int nothingToWeave = 0;
        for (Path relative : selection.select(directory)) {
            Path file = directory.resolve(relative);
            byte[] classFile = Files.readAllBytes(file);
            try {
                // The header read comes first: it also fails on a malformed class file, as a build should.
                if (ClassWeaver.isWoven(classFile)) {
                    alreadyWoven++;
                    continue;
                }
                if (!ClassWeaver.mayNeedWeaving(classFile)) {
                    nothingToWeave++;
                    continue;
                }
                ClassWeaver.Result woven = ClassWeaver.weaveWithFrameClasses(classFile);
                if (woven.classFile() == classFile) {
                    nothingToWeave++;
                    continue;
                }
                rewritten.put(file, woven.classFile());
                String className = new ClassReader(classFile).getClassName().replace('/', '.');
                for (ClassWeaver.WovenMethod method : woven.wovenMethods()) {
                    wovenMethods.add(new WovenMethod(className, method.name(), method.states()));
                }
            } catch (WeaveException refused) {
                errors.addAll(refused.errors());
            } catch (RuntimeException crash) {
                throw new IllegalStateException("cannot weave " + relative + ", so no class file was changed: " + crash,
                        crash);
            }
        }
        if (!errors.isEmpty()) {
            throw new UnweavableMethodsException(directory.toString(), errors);
        }
        for (Map.Entry<Path, byte[]> classFile : rewritten.entrySet()) {
            AtomicFiles.write(classFile.getKey(), classFile.getValue());
        }
        return new WeaveSummary(directory.toString(), rewritten.size(), wovenMethods, alreadyWoven, nothingToWeave);
    }
}
