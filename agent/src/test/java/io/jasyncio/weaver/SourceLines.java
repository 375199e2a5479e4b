// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the line of a test program's source that ends with a marker comment, {@code // <- name}, so
 * that a test takes the lines it expects from the source, never from the class file under test.
 */
public final class SourceLines {
    private SourceLines() {
    }

    /** The 1-based line of {@code binaryName}'s source file that ends with {@code // <- marker}; exactly one must. */
    public static int lineOf(String binaryName, String marker) {
        Path source = sourceRoot().resolve(binaryName.replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String suffix = "// <- " + marker;
        int found = -1;
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).stripTrailing().endsWith(suffix)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("marker '" + marker + "' twice in " + source);
                }
                found = index + 1;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no marker '" + marker + "' in " + source);
        }
        return found;
    }

    /** {@code src/test/java} of this module, found from where the test classes were compiled to. */
    private static Path sourceRoot() {
        try {
            Path testClasses = Path.of(SourceLines.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent().resolve("src/test/java");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
