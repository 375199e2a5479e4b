// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's side of {@link InspectTool}, run in the inspected JVM: finds the jasyncio runtime there
 * (through the classes it has loaded, whatever class loader loaded them), calls its
 * {@code io.jasyncio.LiveLoops.report(command, timeout)}, and writes the text to the file the tool
 * named, or {@link #FAILED} and the error. The agent jar does not depend on the runtime, so the call
 * is reflective.
 */
public final class InspectAgent {
    /** How an agent argument for inspection starts; any other argument installs the weaver. */
    public static final String PREFIX = "inspect:";

    /** How a reply that is an error starts. */
    static final String FAILED = "FAILED\n";

    private static final String LIVE_LOOPS = "io.jasyncio.LiveLoops";

    private InspectAgent() {
    }

    /** The agent argument that asks for {@code command} within {@code timeoutMillis}, the reply going to {@code output}. */
    static String argument(String command, long timeoutMillis, Path output) {
        return PREFIX + command + ":" + timeoutMillis + ":" + output;
    }

    /** Answers the argument made by {@link #argument}; never throws into the JVM that loaded it. */
    public static void run(String argument, Instrumentation instrumentation) {
        String[] parts = argument.substring(PREFIX.length()).split(":", 3);
        Path output = Path.of(parts[2]);
        String reply;
        try {
            reply = report(parts[0], Long.parseLong(parts[1]), instrumentation);
        } catch (Throwable failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            reply = FAILED + "jasyncio: inspecting the JVM failed: " + trace;
        }
        try {
            Files.writeString(output, reply, StandardCharsets.UTF_8);
        } catch (Exception unwritable) {
            System.err.println("jasyncio: cannot write the inspection's reply to " + output + ": " + unwritable);
        }
    }

    /** The reports of every copy of the runtime loaded in this JVM, one per class loader that loaded it. */
    private static String report(String command, long timeoutMillis, Instrumentation instrumentation) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals(LIVE_LOOPS)) {
                try {
                    text.append(loaded.getMethod("report", String.class, long.class).invoke(null, command, timeoutMillis));
                } catch (InvocationTargetException failed) {
                    throw (Exception) failed.getCause();
                }
            }
        }
        return text.length() > 0 ? text.toString() : "No running jasyncio event loop in this JVM.\n";
    }
}
