// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path directory) throws IOException {
        Path target = Files.write(directory.resolve("Owner.class"), new byte[] {1, 2, 3});

        AtomicFiles.write(target, new byte[] {4, 5});

        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(directory));
    }

    @Test
    void overwritesATemporaryFileLeftByAnInterruptedRun(@TempDir Path directory) throws IOException {
        Path target = Files.write(directory.resolve("Owner.class"), new byte[] {1});
        Files.write(directory.resolve("Owner.class" + AtomicFiles.TEMPORARY_SUFFIX), new byte[] {9, 9, 9, 9});

        AtomicFiles.write(target, new byte[] {2});

        assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(directory));
    }

    @Test
    void aFailedMoveLeavesTheTargetAsItWasAndNoTemporaryFile(@TempDir Path directory) throws IOException {
        // A non-empty directory cannot be replaced by a file, so the move fails after the write.
        Path target = Files.createDirectory(directory.resolve("Owner.class"));
        Path inside = Files.write(target.resolve("kept"), new byte[] {7});

        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));

        assertTrue(Files.isDirectory(target));
        assertEquals(List.of(target), list(directory));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(inside));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
