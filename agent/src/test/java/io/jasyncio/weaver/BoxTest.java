// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Box tests: each program in {@code io.jasyncio.weaver.box} is woven, verified, loaded and run, and
 * its {@code box()} coroutine must return "OK".
 */
class BoxTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "LocalsAndStackBox",
        "LoopsBox",
        "BranchesBox",
        "TryCatchBox",
        "ConstructorArgumentsBox",
        "InstanceMethodsBox",
        "ExpressionsBox",
        "ArraysBox",
        "SwitchesBox",
        "ResourcesBox",
        "AsyncResourcesBox",
        "MethodKindsBox",
        "LambdasBox",
        "LazyLambdasBox",
        "GeneratorsBox",
    })
    void boxReturnsOk(String box) throws Exception {
        WovenClasses classes = new WovenClasses("io.jasyncio.weaver.box");
        Method entry = classes.load("io.jasyncio.weaver.box." + box).getDeclaredMethod("box");
        entry.setAccessible(true);
        Coroutine<?> coroutine = (Coroutine<?>) entry.invoke(null);
        assertEquals("OK", Asyncio.run(coroutine));
    }
}
