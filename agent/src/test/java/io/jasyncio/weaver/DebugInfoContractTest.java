// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The weaver's contract on debug information: the body of a woven {@code @Async} method, which runs
 * the user's code, keeps the user's local variables (named, typed, in the slots the code uses) and
 * the user's source lines, so that a debugger shows them.
 */
class DebugInfoContractTest {
    private static final String DEBUGGABLE = ContractPrograms.PACKAGE + ".Debuggable";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "describe     | count label ratio total heading index text",
        "describeWith | this scale loud scaled text",
    })
    void theBodyKeepsTheUserVariablesInTheSlotsItUses(String method, String variables) throws WeaveException {
        MethodNode original = onlyMethod(read(WovenClasses.readClassFile(DEBUGGABLE)), method);
        MethodNode body = body(method);

        assertEquals(Set.of(variables.split(" ")), names(original.localVariables), "compiled with -g?");
        assertEquals(namesAndTypes(original.localVariables), namesAndTypes(body.localVariables));
        for (LocalVariableNode variable : body.localVariables) {
            assertTrue(usesSlot(body, variable.index, Type.getType(variable.desc)),
                    variable.name + " is in slot " + variable.index + ", which the body never reads or writes as "
                            + variable.desc);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"describe", "describeWith"})
    void theBodyKeepsTheUserLines(String method) throws WeaveException {
        MethodNode original = onlyMethod(read(WovenClasses.readClassFile(DEBUGGABLE)), method);

        assertEquals(lines(original), lines(body(method)));
    }

    /** The body of the woven {@code method}: the static synthetic method of that name that takes the frame first. */
    private static MethodNode body(String method) throws WeaveException {
        ClassNode woven = read(ClassWeaver.weave(WovenClasses.readClassFile(DEBUGGABLE)));
        List<MethodNode> bodies = woven.methods.stream()
                .filter(each -> each.name.equals(method))
                .filter(each -> (each.access & Opcodes.ACC_STATIC) != 0 && (each.access & Opcodes.ACC_SYNTHETIC) != 0)
                .filter(each -> each.desc.startsWith("(Lio/jasyncio/Coroutine;"))
                .toList();
        assertEquals(1, bodies.size(), "bodies named " + method);
        return bodies.get(0);
    }

    private static MethodNode onlyMethod(ClassNode owner, String name) {
        List<MethodNode> named = owner.methods.stream().filter(method -> method.name.equals(name)).toList();
        assertEquals(1, named.size(), "methods named " + name);
        return named.get(0);
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode owner = new ClassNode();
        new ClassReader(classFile).accept(owner, 0);
        return owner;
    }

    private static Set<String> names(List<LocalVariableNode> variables) {
        return variables.stream().map(variable -> variable.name).collect(Collectors.toSet());
    }

    private static Set<String> namesAndTypes(List<LocalVariableNode> variables) {
        return variables.stream().map(variable -> variable.name + " " + variable.desc).collect(Collectors.toSet());
    }

    private static Set<Integer> lines(MethodNode method) {
        Set<Integer> lines = new TreeSet<>();
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof LineNumberNode line) {
                lines.add(line.line);
            }
        }
        return lines;
    }

    /** Whether {@code method} loads, stores or increments local {@code slot} as a value of {@code type}. */
    private static boolean usesSlot(MethodNode method, int slot, Type type) {
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof VarInsnNode variable && variable.var == slot
                    && (variable.getOpcode() == type.getOpcode(Opcodes.ILOAD)
                            || variable.getOpcode() == type.getOpcode(Opcodes.ISTORE))) {
                return true;
            }
            if (instruction instanceof IincInsnNode increment && increment.var == slot && type.getSort() == Type.INT) {
                return true;
            }
        }
        return false;
    }
}
