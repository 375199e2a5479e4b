// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a test's source marked {@code // <- marker}, so that expected traces name lines without numbers. */
public final class SourceLines {
    private SourceLines() {
    }

    /** The 1-based line of {@code type}'s source file that ends with {@code // <- marker}. */
    public static int lineOf(Class<?> type, String marker) {
        Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(source);
            for (int index = 0; index < lines.size(); index++) {
                if (lines.get(index).endsWith("// <- " + marker)) {
                    return index + 1;
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        throw new IllegalArgumentException("no line marked " + marker + " in " + source);
    }

    /** {@code Owner.method(Owner.java:LINE)} for the line marked {@code marker} in {@code type}'s source. */
    public static String frame(Class<?> type, String method, String marker) {
        return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + lineOf(type, marker) + ")";
    }
}
