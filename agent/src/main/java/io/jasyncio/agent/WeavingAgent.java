// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code -javaagent} entry: {@code java -javaagent:jasyncio-agent.jar ...} weaves every class
 * with {@code @Async} methods as it is loaded, and reports on standard error what it cannot weave,
 * one line each. Its one option, {@code -javaagent:jasyncio-agent.jar=verbose}, also reports each
 * woven method and the stack trace of each failure.
 */
public final class WeavingAgent {
    /** The option that makes the agent report each woven method and the stack traces of failures. */
    static final String VERBOSE = "verbose";

    private WeavingAgent() {
    }

    /** Installs the weaving transformer before {@code main} runs. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new WeavingTransformer(System.err, options(arguments).contains(VERBOSE)));
    }

    /** Installs the weaving transformer into a running JVM; classes loaded before stay unwoven. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }

    /** The agent's comma-separated options; an unknown one is reported and ignored. */
    static List<String> options(String arguments) {
        List<String> options = arguments == null || arguments.isBlank() ? List.of()
                : Arrays.stream(arguments.split(",")).map(String::strip).toList();
        for (String option : options) {
            if (!option.equals(VERBOSE)) {
                System.err.println("jasyncio: unknown agent option " + option + " ignored; the agent knows: " + VERBOSE);
            }
        }
        return options;
    }
}
