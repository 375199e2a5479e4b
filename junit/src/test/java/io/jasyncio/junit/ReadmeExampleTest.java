// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Testing async code" example is the fixture {@code RemindersTest}, and fails as the README shows. */
class ReadmeExampleTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** The fixture, package-private as in the README. */
    private static final Class<?> REMINDERS_TEST = reminders();

    /** What the fixture's package is called in the README. */
    private static final String README_PACKAGE = "com.example.";

    @Test
    void readmeShowsTheFixtureAsItIs() throws IOException {
        String fixture = Files.readString(ROOT.resolve("junit/src/test/java/io/jasyncio/junit/fixtures/RemindersTest.java"));
        String readme = codeBlockAfter("<!-- README:async-test ");
        assertEquals(afterPackageLine(readme), afterPackageLine(fixture));
    }

    @Test
    void theExampleFailsAsTheReadmeShows() throws IOException {
        String output = codeBlockAfter("<!-- README:async-test-output -->");
        assertPassesOrShows(output, "anHourPassesAtOnce", null);
        Throwable leak = EngineRuns.failureOf(REMINDERS_TEST, "forgetsItsTask");
        assertPassesOrShows(output, "forgetsItsTask", leak.getClass().getName() + ":\n" + leak.getMessage());
        Throwable timeout = EngineRuns.failureOf(REMINDERS_TEST, "takesTooLong");
        assertPassesOrShows(output, "takesTooLong", timeout.getClass().getName() + ": " + timeout.getMessage() + "\n"
                + Arrays.stream(timeout.getStackTrace()).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"))
                + "\nCaused by: " + timeout.getCause());
    }

    private static void assertPassesOrShows(String output, String method, String shown) {
        if (shown == null) {
            EngineRuns.assertPasses(REMINDERS_TEST, method);
            return;
        }
        String asInTheReadme = shown.replace(REMINDERS_TEST.getPackageName() + ".", README_PACKAGE);
        assertTrue(output.contains(asInTheReadme), () -> "the README shows\n" + output + "\nnot\n" + asInTheReadme);
    }

    private static Class<?> reminders() {
        try {
            return Class.forName("io.jasyncio.junit.fixtures.RemindersTest");
        } catch (ClassNotFoundException missing) {
            throw new AssertionError(missing);
        }
    }

    private static String afterPackageLine(String source) {
        List<String> lines = source.strip().lines().toList();
        int packageLine = 0;
        while (!lines.get(packageLine).startsWith("package ")) {
            packageLine++;
        }
        return String.join("\n", lines.subList(packageLine + 1, lines.size()));
    }

    /** The fenced code block that follows {@code marker} in the README. */
    private static String codeBlockAfter(String marker) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int fence = readme.indexOf("```", readme.indexOf(marker));
        int start = readme.indexOf('\n', fence) + 1;
        return readme.substring(start, readme.indexOf("```", start)).strip();
    }
}
