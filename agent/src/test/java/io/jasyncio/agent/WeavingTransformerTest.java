// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.NotWovenError;
import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.SourceLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's transformer: it leaves classes without {@code @Async} alone, weaves those with it as
 * the weaver does, and for a method it cannot weave reports the problem as a compiler would, with
 * file, line, class and method, and loads the class with that method throwing the same error.
 */
class WeavingTransformerTest {
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();
    private final WeavingTransformer transformer = new WeavingTransformer(
            new PrintStream(report, true, StandardCharsets.UTF_8), false);

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

    @Test
    void aClassWovenAlreadyByTheProcessorOrThePluginLoadsAsItIs() throws Exception {
        String program = "io.jasyncio.weaver.contract.Calls";
        byte[] woven = ClassWeaver.weave(classFile(program));

        assertNull(transformer.transform(getClass().getClassLoader(), program.replace('.', '/'), null, null, woven));
        assertEquals("", reported());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ReturnsString        | describe  | first line   | must return io.jasyncio.Coroutine",
        "AwaitInSynchronized  | holdsLock | await in synchronized | synchronized block",
        "AwaitOutsideAsync    | plain     | plain await  | neither @Async nor a lambda returning Coroutine",
        "AwaitInConstructor   | <init>    | constructor  | await in a constructor",
        "AwaitInSynchronizedMethod | locked | await in synchronized method | a synchronized @Async method: a coroutine"
                + " body never runs inside the caller's monitor",
        "SynchronizedWithoutAwait | increment | synchronized without await | a synchronized @Async method",
        "ManyAwaits           | sum       | too large    | larger than the 64 KB of code the JVM allows a method",
        "AwaitReference       | plain     | await reference | await as a method reference",
        "AwaitReferenceInAsync | count    | reference in async | await as a method reference",
        "EmitOutsideGenerator | notAGenerator | emit in a coroutine | emit outside an async generator",
    })
    void aMethodThatCannotBeWovenIsReportedAndThrowsThatErrorWhenCalled(
            String simpleName, String method, String marker, String reason) throws Exception {
        String program = "io.jasyncio.agent.refused." + simpleName;

        byte[] loaded = transform(program);

        String where = simpleName + ".java:" + SourceLines.lineOf(program, marker) + ": ";
        Pattern expected = Pattern.compile(Pattern.quote(where) + ".*" + Pattern.quote(reason) + ".*"
                + Pattern.quote(" (in " + program + "." + method + ")"));
        String reported = reported();
        assertTrue(expected.matcher(reported).find(), "expected /" + expected + "/ in:\n" + reported);
        Class<?> refused = definedAlone(program, loaded);
        InvocationTargetException call = assertThrows(InvocationTargetException.class, () -> callRefused(refused, method));
        assertInstanceOf(NotWovenError.class, call.getCause());
        assertTrue(expected.matcher(call.getCause().getMessage()).find(), call.getCause().getMessage());
    }

    @Test
    void aStaticInitialiserThatAwaitsIsReportedAndFailsTheClassInitialisation() throws Exception {
        String program = "io.jasyncio.agent.refused.AwaitInStaticInitialiser";

        byte[] loaded = transform(program);

        String where = "AwaitInStaticInitialiser.java:" + SourceLines.lineOf(program, "static initialiser") + ": ";
        assertTrue(reported().contains(where + "await in a static initialiser"), reported());
        Class<?> refused = definedAlone(program, loaded);
        Method touch = refused.getDeclaredMethod("touch");
        touch.setAccessible(true);
        // An Error thrown by a static initialiser reaches the code that triggered it as it is, not as
        // ExceptionInInitializerError, and reflection initialises the class before it invokes anything.
        NotWovenError initialisation = assertThrows(NotWovenError.class, () -> touch.invoke(null));
        assertTrue(initialisation.getMessage().contains(where), initialisation.getMessage());
    }

    /** Calls the refused method (the constructor for {@code <init>}) with default arguments. */
    private static void callRefused(Class<?> refused, String method) throws Exception {
        if (method.equals("<init>")) {
            Constructor<?> constructor = refused.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            constructor.newInstance();
            return;
        }
        Method declared = Arrays.stream(refused.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method) && !candidate.isSynthetic())
                .findFirst().orElseThrow();
        declared.setAccessible(true);
        declared.invoke(Modifier.isStatic(declared.getModifiers()) ? null : refused.getDeclaredConstructor().newInstance());
    }

    /** The class {@code binaryName} defined from {@code classFile}, every other class from the class path. */
    private static Class<?> definedAlone(String binaryName, byte[] classFile) {
        String packageName = binaryName.substring(0, binaryName.lastIndexOf('.'));
        return new PackageClasses(packageName, PackageClasses.Weaving.AGENT).plant(binaryName, classFile).load(binaryName);
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
