// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry: {@code java -javaagent:jasyncio-agent.jar ...} weaves every class
 * with {@code @Async} methods as it is loaded.
 */
public final class WeavingAgent {
    private WeavingAgent() {
    }

    /** Installs the weaving transformer before {@code main} runs. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new WeavingTransformer(System.err));
    }

    /** Installs the weaving transformer into a running JVM; classes loaded before stay unwoven. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }
}
