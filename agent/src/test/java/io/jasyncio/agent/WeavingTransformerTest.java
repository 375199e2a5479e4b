// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.SourceLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's transformer: it leaves classes without {@code @Async} alone, weaves those with it as
 * the weaver does, and for a class it cannot weave returns {@code null} (so the class loads unwoven)
 * after reporting each problem as a compiler would, with file, line, class and method.
 */
class WeavingTransformerTest {
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();
    private final WeavingTransformer transformer = new WeavingTransformer(
            new PrintStream(report, true, StandardCharsets.UTF_8));

    @Test
    void aClassWithoutAsyncMethodsIsLeftAlone() {
        assertNull(transform("io.jasyncio.agent.WeavingAgent"));
        assertEquals("", reported());
    }

    @Test
    void aClassThatOnlyNamesTheAnnotationInAConstantIsLeftAlone() {
        assertNull(transform("io.jasyncio.agent.WeavingTransformer"));
        assertEquals("", reported());
    }

    @Test
    void aClassWithAsyncMethodsComesBackWovenAsTheWeaverWeavesIt() throws Exception {
        String program = "io.jasyncio.weaver.contract.Calls";

        byte[] woven = transform(program);

        assertNotNull(woven);
        assertArrayEquals(ClassWeaver.weave(classFile(program)), woven);
        assertEquals("", reported());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ReturnsString       | describe  | first line   | must return io.jasyncio.Coroutine",
        "AwaitInSynchronized | holdsLock | synchronized | synchronized",
    })
    void aClassThatCannotBeWovenLoadsUnwovenAfterAReportNamingFileLineClassAndMethod(
            String simpleName, String method, String marker, String reason) {
        String program = "io.jasyncio.agent.refused." + simpleName;

        assertNull(transform(program));

        String where = simpleName + ".java:" + SourceLines.lineOf(program, marker) + ": ";
        String expected = Pattern.quote(where) + ".*" + Pattern.quote(reason) + ".*"
                + Pattern.quote(" (in " + program + "." + method + ")");
        String reported = reported();
        assertTrue(Pattern.compile(expected).matcher(reported).find(), "expected /" + expected + "/ in:\n" + reported);
    }

    private byte[] transform(String binaryName) {
        return transformer.transform(getClass().getClassLoader(), binaryName.replace('.', '/'), null, null,
                classFile(binaryName));
    }

    private String reported() {
        return report.toString(StandardCharsets.UTF_8);
    }

    private static byte[] classFile(String binaryName) {
        try (InputStream in = WeavingTransformerTest.class.getClassLoader()
                .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
