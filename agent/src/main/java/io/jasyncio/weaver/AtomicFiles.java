// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader sees either the old content or the new, never a part of the new: how
 * the Maven plugin and the annotation processor replace a class file with its woven bytes.
 */
public final class AtomicFiles {
    /** Appended to the target's name for the file written before it is moved over the target. */
    public static final String TEMPORARY_SUFFIX = ".jasyncio-tmp";

    private AtomicFiles() {
    }

    /**
     * Replaces the content of {@code target} with {@code content}: writes a temporary file beside it
     * (so the move stays within one file system) and moves it over the target. A temporary file left
     * by an interrupted run is overwritten; none is left behind.
     */
    public static void write(Path target, byte[] content) throws IOException {
        // Not Files.createTempFile: it would give the class file owner-only permissions.
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
