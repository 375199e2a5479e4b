// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which {@code close()} calls {@link TryWithResources} recognises as javac's for a try-with-resources,
 * and which of them {@link AwaitResourceClosesPass} turns into awaits, in the shapes of
 * {@code shapes/ResourceShapes}: the user's own closes, a later variable in the same slot, an empty
 * body, a JDK type and a monitor are left alone.
 */
class TryWithResourcesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // method,                     statements, normal closes, awaits after the pass
        "fallsThrough,                  1, 1, 2",
        "returnsOrFallsThrough,         1, 2, 3",
        "continuesBreaksOrFallsThrough, 1, 3, 4",
        "closesExplicitlyInTheBody,     1, 1, 2",
        "reusesTheSlotAfterwards,       1, 1, 2",
        "emptyBody,                     0, 0, 0",
        "twoResources,                  2, 2, 4",
        "jdkType,                       1, 1, 0",
        "insideSynchronized,            1, 1, 0",
    })
    void recognisesJavacsClosesAndRewritesThoseOfPossiblyAsyncResources(String name, int statements, int normalCloses,
            int awaits) throws IOException {
        MethodNode method = method(name);
        List<TryWithResources.Statement> found = TryWithResources.of(method);
        assertEquals(statements, found.size(), "statements");
        assertEquals(normalCloses, found.stream().mapToInt(statement -> statement.normalCloses().size()).sum(), "normal closes");
        int closeCalls = countCalls(method, "close");
        AwaitResourceClosesPass.run(method);
        assertEquals(awaits, countAwaits(method), "awaits");
        assertEquals(closeCalls - awaits, countCalls(method, "close"), "close() calls left");
        assertEquals(awaits, countCalls(method, RuntimeNames.CLOSE_RESOURCE), "closeResource calls");
    }

    private static int countAwaits(MethodNode method) {
        int awaits = 0;
        for (AbstractInsnNode instruction : method.instructions) {
            if (AwaitSites.isAwait(instruction)) {
                awaits++;
            }
        }
        return awaits;
    }

    private static int countCalls(MethodNode method, String name) {
        int count = 0;
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof org.objectweb.asm.tree.MethodInsnNode call && call.name.equals(name)) {
                count++;
            }
        }
        return count;
    }

    private static MethodNode method(String name) throws IOException {
        try (InputStream in = TryWithResourcesTest.class.getResourceAsStream("shapes/ResourceShapes.class")) {
            ClassNode owner = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(owner, 0);
            return owner.methods.stream().filter(method -> method.name.equals(name)).findFirst().orElseThrow();
        }
    }
}
