// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.weaver.ClassWeaver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Frame class names cannot clash: not with a user's class named as a frame once was
 * ({@code Clash$run$Frame}), not with the frame of another owner's method ({@code a$b()} of
 * {@code Clash} and {@code b()} of {@code Clash.a}), not between overloads; under the agent and
 * woven at build time alike, in either order of first calls.
 */
class FrameClassNamesTest {
    private static final String PACKAGE = "io.jasyncio.weaver.names";
    private static final String CLASH = PACKAGE + ".Clash";
    private static final String NESTED = CLASH + "$a";

    @ParameterizedTest
    @EnumSource(PackageClasses.Weaving.class)
    void aUserClassWithTheOldNameOfAFrameStaysTheUsers(PackageClasses.Weaving weaving) {
        PackageClasses classes = new PackageClasses(PACKAGE, weaving);

        Coroutine<?> run = call(classes.load(CLASH), "run");

        assertEquals(CLASH + "-run-Frame", run.getClass().getName());
        assertEquals("run 2 user", Asyncio.run(run));
        assertEquals("", classes.reported());
    }

    @ParameterizedTest
    @EnumSource(PackageClasses.Weaving.class)
    void aMethodWithADollarAndTheSameMethodOfANestedClassHaveTheirOwnFramesCalledInThisOrder(
            PackageClasses.Weaving weaving) {
        PackageClasses classes = new PackageClasses(PACKAGE, weaving);

        assertEquals(List.of("a$b 1099511627776", "a.b 7x"),
                List.of(Asyncio.run(call(classes.load(CLASH), "a$b")), Asyncio.run(call(classes.load(NESTED), "b"))));
    }

    @ParameterizedTest
    @EnumSource(PackageClasses.Weaving.class)
    void aMethodWithADollarAndTheSameMethodOfANestedClassHaveTheirOwnFramesCalledInTheOtherOrder(
            PackageClasses.Weaving weaving) {
        PackageClasses classes = new PackageClasses(PACKAGE, weaving);

        Coroutine<?> nested = call(classes.load(NESTED), "b");
        Coroutine<?> dollar = call(classes.load(CLASH), "a$b");

        assertEquals(NESTED + "-b-Frame", nested.getClass().getName());
        assertEquals(CLASH + "-a$b-Frame", dollar.getClass().getName());
        assertEquals(List.of("a.b 7x", "a$b 1099511627776"), List.of(Asyncio.run(nested), Asyncio.run(dollar)));
    }

    @ParameterizedTest
    @EnumSource(PackageClasses.Weaving.class)
    void overloadsHaveAFrameEach(PackageClasses.Weaving weaving) throws Exception {
        Class<?> clash = new PackageClasses(PACKAGE, weaving).load(CLASH);

        List<String> frames = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        for (Object[] arguments : List.of(new Object[] {"ab"}, new Object[] {5}, new Object[] {3L, 1.5f})) {
            Method over = overload(clash, arguments);
            Coroutine<?> coroutine = (Coroutine<?>) over.invoke(null, arguments);
            frames.add(coroutine.getClass().getSimpleName());
            results.add(Asyncio.run(coroutine));
        }

        // Numbered in the order of the methods in the class file, as javac writes them: int, String, long.
        assertEquals(List.of("Clash-over-Frame2", "Clash-over-Frame", "Clash-over-Frame3"), frames);
        assertEquals(List.of("String abab", "int 2.5", "long 4.5 3"), results);
    }

    @Test
    void theAgentAndTheBuildNameEveryFrameAlike() throws Exception {
        for (String owner : List.of(CLASH, NESTED)) {
            byte[] classFile = PackageClasses.classFile(owner);
            byte[] agent = new WeavingTransformer(System.err, false).transform(getClass().getClassLoader(),
                    owner.replace('.', '/'), null, null, classFile);

            ClassWeaver.Result build = ClassWeaver.weaveWithFrameClasses(classFile);

            assertArrayEquals(build.classFile(), agent);
            assertArrayEquals(build.classFile(), ClassWeaver.weave(classFile), "weaving is deterministic");
        }
        assertEquals(List.of("io/jasyncio/weaver/names/Clash-run-Frame", "io/jasyncio/weaver/names/Clash-a$b-Frame",
                "io/jasyncio/weaver/names/Clash-over-Frame", "io/jasyncio/weaver/names/Clash-over-Frame2",
                "io/jasyncio/weaver/names/Clash-over-Frame3"),
                List.copyOf(ClassWeaver.weaveWithFrameClasses(PackageClasses.classFile(CLASH)).frameClasses().keySet()));
    }

    /** A class file of another compiler may name a nested class as a frame would be named: that name is skipped. */
    @Test
    void aNameThatTheOwnersNestListsIsSkipped() throws Exception {
        String taken = "io/jasyncio/weaver/names/Clash-run-Frame";
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(PackageClasses.classFile(CLASH)).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                visitInnerClass(taken, "io/jasyncio/weaver/names/Clash", "run-Frame",
                        Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC);
                visitNestMember(taken);
                super.visitEnd();
            }
        }, 0);

        List<String> frames = List.copyOf(ClassWeaver.weaveWithFrameClasses(writer.toByteArray()).frameClasses().keySet());

        assertEquals(taken + "2", frames.get(0));
    }

    /** A class of the frame's name that is no coroutine (another compiler's class, say) is refused where the frame is defined. */
    @ParameterizedTest
    @EnumSource(PackageClasses.Weaving.class)
    void anExistingClassOfTheFramesNameThatIsNoCoroutineFailsTheCallNamingIt(PackageClasses.Weaving weaving) {
        String frame = CLASH + "-run-Frame";
        ClassWriter impostor = new ClassWriter(0);
        impostor.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, frame.replace('.', '/'), null, "java/lang/Object", null);
        impostor.visitEnd();
        Class<?> clash = new PackageClasses(PACKAGE, weaving).plant(frame, impostor.toByteArray()).load(CLASH);

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> clash.getMethod("run").invoke(null));

        // An Error from a bootstrap method reaches the caller as it is, not in a BootstrapMethodError.
        IncompatibleClassChangeError clashing = assertInstanceOf(IncompatibleClassChangeError.class, thrown.getCause());
        assertEquals("the frame class " + frame + " of a woven @Async method of " + CLASH + " exists already and is"
                + " not a coroutine: another class has its name", clashing.getMessage());
    }

    private static Coroutine<?> call(Class<?> owner, String method) {
        try {
            return (Coroutine<?>) owner.getMethod(method).invoke(null);
        } catch (InvocationTargetException thrown) {
            throw new AssertionError(thrown.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method overload(Class<?> owner, Object[] arguments) throws NoSuchMethodException {
        Class<?>[] types = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Class<?> boxed = arguments[i].getClass();
            types[i] = boxed == Integer.class ? int.class : boxed == Long.class ? long.class
                    : boxed == Float.class ? float.class : boxed;
        }
        return owner.getMethod("over", types);
    }
}
