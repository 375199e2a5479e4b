// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The weaver over the classes of other people's jars, those of the local Maven repository: a class
 * with nothing to weave comes back as the very same array, and nothing escapes the weaver but
 * {@link UnreadableClassFileException} for bytes that are no class file it can read. The suite takes
 * every 200th jar; {@code -Dweaver.repository.every=1} takes all of them (see {@code WEAVING.md}), and
 * {@code -Dweaver.repository=DIR} another repository.
 */
class LocalRepositoryTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("weaver.repository",
            System.getProperty("user.home") + "/.m2/repository"));
    private static final int EVERY = Integer.getInteger("weaver.repository.every", 200);

    /** How many failures are listed in full; the rest are counted. */
    private static final int LISTED = 20;

    private final List<String> failures = new ArrayList<>();
    private int classes;
    private int woven;
    private int unreadable;

    @Test
    void theWeaverChangesNoClassWithNothingToWeaveAndThrowsOnlyForUnreadableBytes() throws IOException {
        assumeTrue(Files.isDirectory(REPOSITORY), "no local repository at " + REPOSITORY);
        List<Path> jars;
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        int sampled = 0;
        for (int index = 0; index < jars.size(); index += EVERY) {
            weaveEveryClassOf(jars.get(index));
            sampled++;
        }
        System.out.printf("weaver over %d of %d jars of %s: %d classes, %d with methods woven or refused,"
                + " %d unreadable%n", sampled, jars.size(), REPOSITORY, classes, woven, unreadable);
        assertEquals(List.of(), failures.size() <= LISTED ? failures
                : List.of(String.join("\n", failures.subList(0, LISTED)), "and " + (failures.size() - LISTED) + " more"));
    }

    private void weaveEveryClassOf(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] classFile;
                try (InputStream in = zip.getInputStream(entry)) {
                    classFile = in.readAllBytes();
                }
                check(jar.getFileName() + "!/" + entry.getName(), classFile);
            }
        } catch (IOException notAJar) {
            // A damaged or partly downloaded jar is the repository's problem, not the weaver's.
            System.out.println("skipped " + jar + ": " + notAJar);
        }
    }

    private void check(String where, byte[] classFile) {
        classes++;
        byte[] copy = classFile.clone();
        ClassWeaver.Result result;
        try {
            result = ClassWeaver.weaveForLoading(classFile);
        } catch (UnreadableClassFileException expected) {
            unreadable++;
            return;
        } catch (RuntimeException | LinkageError | StackOverflowError escaped) {
            failures.add(where + ": " + escaped);
            return;
        }
        boolean touched = !result.wovenMethods().isEmpty() || !result.errors().isEmpty();
        if (touched) {
            woven++;
        } else if (result.classFile() != classFile) {
            failures.add(where + ": changed, with nothing to weave");
        } else if (!Arrays.equals(copy, classFile)) {
            failures.add(where + ": the weaver wrote into the bytes it was given");
        }
    }
}
