// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFileSelectionTest {
    @TempDir
    private Path classes;

    @BeforeEach
    void layOutClassFiles() throws IOException {
        for (String file : List.of("Main.class", "com/example/App.class", "com/example/App$Inner.class",
                "com/example/internal/Helper.class", "com/example/AppTest.class", "META-INF/MANIFEST.MF",
                "com/example/messages.properties")) {
            Path path = classes.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[0]);
        }
    }

    @Test
    void selectsEveryClassFileAndNothingElseByDefault() {
        assertEquals(paths("Main.class", "com/example/App$Inner.class", "com/example/App.class",
                "com/example/AppTest.class", "com/example/internal/Helper.class"),
                ClassFileSelection.all().select(classes));
    }

    @Test
    void includesAndExcludesAreAntPatternsOnPathsRelativeToTheDirectory() {
        ClassFileSelection selection = new ClassFileSelection(List.of("com/example/**"),
                List.of("**/internal/**", "**/*Test.class"));

        assertEquals(paths("com/example/App$Inner.class", "com/example/App.class"), selection.select(classes));
    }

    @Test
    void anIncludeThatNamesOtherFilesStillSelectsOnlyClassFiles() {
        ClassFileSelection selection = new ClassFileSelection(List.of("com/example/*"), null);

        assertEquals(paths("com/example/App$Inner.class", "com/example/App.class", "com/example/AppTest.class"),
                selection.select(classes));
    }

    private static List<Path> paths(String... paths) {
        return Stream.of(paths).map(Path::of).sorted().toList();
    }
}
