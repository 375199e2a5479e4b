// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weaver's contract on repetition: weaving a woven class again returns it unchanged, and weaving
 * the same class file twice gives the same bytes, so the agent and the plugin agree. The agent's
 * mode is used, which also covers classes with refused methods ({@code AwaitsWithoutWeaving}).
 */
class WeaveTwiceContractTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Calls", "AwaitDone", "DeepChain", "Failures", "Debuggable", "AwaitsWithoutWeaving"})
    void weavingAWovenClassAgainReturnsItUnchanged(String program) {
        byte[] original = WovenClasses.readClassFile(ContractPrograms.PACKAGE + "." + program);
        byte[] woven = ClassWeaver.weaveForLoading(original).classFile();
        assertFalse(Arrays.equals(original, woven), "the first weave changed nothing");

        byte[] wovenAgain = ClassWeaver.weaveForLoading(woven).classFile();

        assertArrayEquals(woven, wovenAgain);
        assertSame(woven, wovenAgain, "nothing to do, so the input itself comes back");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Calls", "AwaitDone", "DeepChain", "Failures", "Debuggable", "AwaitsWithoutWeaving"})
    void weavingTheSameClassTwiceGivesTheSameBytes(String program) {
        byte[] original = WovenClasses.readClassFile(ContractPrograms.PACKAGE + "." + program);

        ClassWeaver.Result first = ClassWeaver.weaveForLoading(original.clone());
        ClassWeaver.Result second = ClassWeaver.weaveForLoading(original.clone());

        assertArrayEquals(first.classFile(), second.classFile());
        assertEquals(first.frameClasses().keySet(), second.frameClasses().keySet());
        for (Map.Entry<String, byte[]> frameClass : first.frameClasses().entrySet()) {
            assertArrayEquals(frameClass.getValue(), second.frameClasses().get(frameClass.getKey()), frameClass.getKey());
        }
    }
}
