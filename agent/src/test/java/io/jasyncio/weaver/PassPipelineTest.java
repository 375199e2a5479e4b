// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each woven method goes through the passes in order, and tests see it after each of them. */
class PassPipelineTest {
    @Test
    void everyWovenMethodIsShownAfterEachPassInOrder() {
        List<String> seen = new ArrayList<>();
        byte[] classFile = WovenClasses.readClassFile("io.jasyncio.weaver.box.Suspend");

        ClassWeaver.weaveForLoading(classFile, (pass, owner, method) -> seen.add(method.name + " " + pass));

        List<String> expected = new ArrayList<>();
        for (String method : List.of("later", "now", "failLater", "failCheckedLater")) {
            for (String pass : List.of("HoistNewAcrossAwaitsPass", "ShiftLocalsPass", "RewriteReturnsPass",
                    "BuildStateMachinePass")) {
                expected.add(method + " " + pass);
            }
        }
        assertEquals(expected, seen);
    }
}
