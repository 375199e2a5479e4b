// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.UnreadableClassFileException;
import io.jasyncio.weaver.WeaveError;
import io.jasyncio.weaver.WeaveException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class files the weaver cannot weave, made by hand: an {@code @Async} method in a class file older
 * than version 51, which cannot hold the woven method's {@code invokedynamic}; JSR/RET subroutines; a
 * {@code synchronized} async lambda; truncated and corrupt bytes. The build refuses them (the
 * weaver throws); the agent reports each in one line naming the class and the reason, with the stack
 * trace only when verbose, and loads a class that fails loudly where it can.
 */
class OldAndDamagedClassFilesTest {
    private static final String OLD = "io/jasyncio/weaver/hand/Old";
    private static final String ASYNC = "Lio/jasyncio/annotations/Async;";
    private static final String COROUTINE = "io/jasyncio/Coroutine";

    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    @ParameterizedTest(name = "class file version {0}")
    @ValueSource(ints = {Opcodes.V1_5, Opcodes.V1_6})
    void anAsyncMethodInAClassFileOlderThanJava7IsRefusedAndLoadsAsAThrower(int version) throws Exception {
        byte[] old = asyncClass(version, false);
        String expected = "the class file of io.jasyncio.weaver.hand.Old has version " + version + " (Java "
                + (version - 44) + "), older than 51 (Java 7)";

        WeaveException refused = assertThrows(WeaveException.class, () -> ClassWeaver.weave(old));
        byte[] loaded = transform(old, false);

        assertEquals(List.of("m"), refused.errors().stream().map(WeaveError::methodName).toList());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
        assertEquals(1, reportLines().size(), reported());
        assertTrue(reported().startsWith("jasyncio: cannot weave: Old.java:7: " + expected), reported());
        assertEquals(version, new ClassReader(loaded).readUnsignedShort(6), "the version stays");
        IllegalStateException thrown = callM(loaded);
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }

    @ParameterizedTest(name = "class file version {0}")
    @ValueSource(ints = {Opcodes.V1_5, Opcodes.V1_7})
    void anAsyncMethodWithSubroutinesIsRefusedInOneLine(int version) {
        byte[] subroutines = asyncClass(version, true);

        WeaveException refused = assertThrows(WeaveException.class, () -> ClassWeaver.weave(subroutines));
        transform(subroutines, false);

        String reason = version < Opcodes.V1_7 ? "the class file of io.jasyncio.weaver.hand.Old has version 49"
                : "JSR/RET subroutines (a finally block as compilers for Java 6 and older wrote it) cannot be woven";
        assertEquals(1, refused.errors().size(), refused.getMessage());
        assertTrue(refused.errors().get(0).message().startsWith(reason), refused.getMessage());
        assertEquals(1, reportLines().size(), reported());
        assertTrue(reported().startsWith("jasyncio: cannot weave: Old.java:7: " + reason), reported());
        assertTrue(reported().strip().endsWith("(in io.jasyncio.weaver.hand.Old.m)"), reported());
    }

    @Test
    void aSynchronizedAsyncLambdaIsRefused() throws Exception {
        byte[] lambdas = PackageClasses.classFile("io.jasyncio.weaver.box.LambdasBox");
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(lambdas).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                boolean lambda = name.startsWith("lambda$") && descriptor.endsWith(")L" + COROUTINE + ";");
                return super.visitMethod(lambda ? access | Opcodes.ACC_SYNCHRONIZED : access, name, descriptor,
                        signature, exceptions);
            }
        }, 0);

        WeaveException refused = assertThrows(WeaveException.class, () -> ClassWeaver.weave(writer.toByteArray()));

        assertFalse(refused.errors().isEmpty());
        for (WeaveError error : refused.errors()) {
            assertTrue(error.methodName().startsWith("lambda$"), error.toString());
            assertTrue(error.message().startsWith("a synchronized @Async method: a coroutine body never runs inside"
                    + " the caller's monitor"), error.toString());
        }
    }

    @Test
    void aTruncatedClassFileIsReportedInOneLineNamingTheClass() {
        byte[] calls = PackageClasses.classFile("io.jasyncio.weaver.contract.Calls");
        byte[] truncated = Arrays.copyOf(calls, calls.length / 2);

        assertThrows(UnreadableClassFileException.class, () -> ClassWeaver.weave(truncated));
        assertNull(transform("io/jasyncio/weaver/contract/Calls", truncated, false));

        assertEquals(List.of("jasyncio: cannot weave io.jasyncio.weaver.contract.Calls, which loads unwoven: a truncated"
                + " or corrupt class file, or one of a version the weaver cannot read"), reportLines().stream()
                        .map(line -> line.substring(0, line.indexOf(" (")))
                        .toList());
        assertTrue(reported().contains("-javaagent:jasyncio-agent.jar=verbose"), reported());
    }

    @Test
    void aCorruptClassFileIsReportedInOneLineAndWithItsStackTraceWhenVerbose() {
        byte[] corrupt = PackageClasses.classFile("io.jasyncio.weaver.contract.Calls");
        corrupt[10] = 99; // the tag of the first constant: no such tag

        assertThrows(UnreadableClassFileException.class, () -> ClassWeaver.weave(corrupt));
        assertNull(transform("io/jasyncio/weaver/contract/Calls", corrupt, false));
        List<String> quiet = reportLines();
        report.reset();
        assertNull(transform("io/jasyncio/weaver/contract/Calls", corrupt, true));

        assertEquals(1, quiet.size(), quiet.toString());
        assertTrue(quiet.get(0).startsWith("jasyncio: cannot weave io.jasyncio.weaver.contract.Calls, which loads"
                + " unwoven: a truncated or corrupt class file"), quiet.get(0));
        assertTrue(reportLines().size() > 2, reported());
        assertTrue(reportLines().get(1).startsWith(UnreadableClassFileException.class.getName()), reported());
        assertTrue(reportLines().get(2).startsWith("\tat "), reported());
    }

    @Test
    void theAgentOptionsAreVerboseOrNothing() {
        assertEquals(List.of(), WeavingAgent.options(null));
        assertEquals(List.of(), WeavingAgent.options(""));
        assertEquals(List.of("verbose"), WeavingAgent.options("verbose"));
    }

    /**
     * {@code class Old { @Async static Coroutine m() { return result(null); } }} in a class file of
     * {@code version}, with the return, when {@code subroutines}, in a JSR/RET subroutine as old
     * compilers wrote a finally block. Its one line number is 7.
     */
    private static byte[] asyncClass(int version, boolean subroutines) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, OLD, null, "java/lang/Object", null);
        writer.visitSource("Old.java", null);
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m", "()L" + COROUTINE + ";",
                null, null);
        m.visitAnnotation(ASYNC, false).visitEnd();
        m.visitCode();
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(7, start);
        if (subroutines) {
            Label subroutine = new Label();
            m.visitJumpInsn(Opcodes.JSR, subroutine);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "result",
                    "(Ljava/lang/Object;)L" + COROUTINE + ";", false);
            m.visitInsn(Opcodes.ARETURN);
            m.visitLabel(subroutine);
            m.visitVarInsn(Opcodes.ASTORE, 0);
            m.visitVarInsn(Opcodes.RET, 0);
        } else {
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitMethodInsn(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "result",
                    "(Ljava/lang/Object;)L" + COROUTINE + ";", false);
            m.visitInsn(Opcodes.ARETURN);
        }
        m.visitMaxs(0, 0);
        m.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** What the agent's transformer makes of {@code classFile} as {@link #OLD}, loadable: the bytes themselves if it leaves them. */
    private byte[] transform(byte[] classFile, boolean verbose) {
        byte[] transformed = transform(OLD, classFile, verbose);
        return transformed != null ? transformed : classFile;
    }

    private byte[] transform(String internalName, byte[] classFile, boolean verbose) {
        WeavingTransformer transformer = new WeavingTransformer(
                new PrintStream(report, true, StandardCharsets.UTF_8), verbose);
        return transformer.transform(getClass().getClassLoader(), internalName, null, null, classFile);
    }

    /** Calls {@code Old.m()} of the class {@code classFile} defines; it must throw {@link IllegalStateException}. */
    private static IllegalStateException callM(byte[] classFile) throws Exception {
        String binaryName = OLD.replace('/', '.');
        Class<?> old = new PackageClasses("io.jasyncio.weaver.hand", PackageClasses.Weaving.AGENT)
                .plant(binaryName, classFile).load(binaryName);
        InvocationTargetException call = assertThrows(InvocationTargetException.class,
                () -> old.getMethod("m").invoke(null));
        return assertInstanceOf(IllegalStateException.class, call.getCause());
    }

    private String reported() {
        return report.toString(StandardCharsets.UTF_8);
    }

    private List<String> reportLines() {
        return reported().lines().toList();
    }
}
