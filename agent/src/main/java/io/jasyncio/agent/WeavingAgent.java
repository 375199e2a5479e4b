// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.agent.inspect.InspectAgent;
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

    /**
     * Installs the weaving transformer into a running JVM, where classes loaded before stay unwoven;
     * or, loaded by {@code java -jar jasyncio-agent.jar ps|pstree PID}, reports the JVM's tasks.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        if (arguments != null && arguments.startsWith(InspectAgent.PREFIX)) {
            InspectAgent.run(arguments, instrumentation);
            return;
        }
        premain(arguments, instrumentation);
    }
}
