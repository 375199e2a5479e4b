// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.codehaus.plexus.util.DirectoryScanner;

/**
 * Which class files of a directory to weave: Ant-style patterns on their paths relative to the
 * directory, as every Maven plugin takes them ({@code com/example/**}, {@code **}{@code /*Test.class}).
 * Only files whose names end in {@code .class} are ever selected.
 */
public final class ClassFileSelection {
    /** Every class file: what an empty list of includes means. */
    private static final String ALL_CLASS_FILES = "**/*.class";

    private final String[] includes;
    private final String[] excludes;

    /**
     * A selection of the class files that match one of {@code includes} (every class file if it is
     * empty or {@code null}) and none of {@code excludes} (which may be {@code null}).
     */
    public ClassFileSelection(List<String> includes, List<String> excludes) {
        this.includes = includes == null || includes.isEmpty()
                ? new String[] {ALL_CLASS_FILES} : includes.toArray(new String[0]);
        this.excludes = excludes == null ? new String[0] : excludes.toArray(new String[0]);
    }

    /** Every class file. */
    public static ClassFileSelection all() {
        return new ClassFileSelection(List.of(), List.of());
    }

    /** The selected class files under {@code directory}, relative to it, in a stable (sorted) order. */
    public List<Path> select(Path directory) {
        DirectoryScanner scanner = new DirectoryScanner();
        scanner.setBasedir(directory.toFile());
        scanner.setIncludes(includes);
        scanner.setExcludes(excludes);
        scanner.scan();
        return Arrays.stream(scanner.getIncludedFiles())
                .filter(path -> path.endsWith(".class"))
                .map(Path::of)
                .sorted()
                .toList();
    }
}
