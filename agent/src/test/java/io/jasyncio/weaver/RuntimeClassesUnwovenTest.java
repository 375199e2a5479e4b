// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent passes every class it loads through the weaver, the runtime's own too: the runtime has no
 * {@code @Async} method, await or lambda that returns {@code Coroutine}, so each of its classes comes
 * back unchanged, whether or not an agent is attached.
 */
class RuntimeClassesUnwovenTest {
    @Test
    void weavingLeavesEveryRuntimeClassUnchanged() throws Exception {
        Path location = Path.of(Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> changed = new ArrayList<>();
        int classes = 0;
        if (Files.isDirectory(location)) {
            classes = checkAll(location, changed);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
                classes = checkAll(jar.getPath("/"), changed);
            }
        }
        assertTrue(classes > 50, "runtime classes found: " + classes);
        assertEquals(List.of(), changed);
    }

    private static int checkAll(Path root, List<String> changed) throws IOException {
        int count = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".class"))::iterator) {
                if (file.getFileName().toString().equals("module-info.class")) {
                    continue;
                }
                count++;
                byte[] classFile = Files.readAllBytes(file);
                ClassWeaver.Result result = ClassWeaver.weaveForLoading(classFile);
                if (result.classFile() != classFile) {
                    changed.add(root.relativize(file) + " " + result.wovenMethods() + " " + result.errors());
                }
            }
        }
        return count;
    }
}
