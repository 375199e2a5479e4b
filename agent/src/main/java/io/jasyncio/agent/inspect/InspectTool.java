// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.inspect;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar jasyncio-agent.jar ps PID} and {@code pstree PID}: what the tasks of a running JVM
 * are doing, after Python 3.14's {@code python -m asyncio ps} and {@code pstree}. The JDK's Attach
 * API loads this jar into the JVM {@code PID} as an agent, with the command and a file to write to;
 * the agent asks every running loop there for its tasks' call graphs ({@link InspectAgent}) and
 * writes the text, which this tool prints. A loop that does not answer within the timeout is shown
 * blocked, with its thread's Java stack. On JDK 21 and later the target JVM prints a warning about
 * a dynamically loaded agent on its standard error unless it runs with
 * {@code -XX:+EnableDynamicAgentLoading}.
 */
public final class InspectTool {
    /** The exit status for a usage error. */
    static final int USAGE = 2;

    /** How long the loops of the target have to answer, in milliseconds. */
    static final long TIMEOUT_MILLIS = 3000;

    private InspectTool() {
    }

    /** Runs {@code ps PID} or {@code pstree PID}, and exits with a non-zero status on failure. */
    public static void main(String[] args) throws Exception {
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command in {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() != 2 || !(args.get(0).equals("ps") || args.get(0).equals("pstree")) || !args.get(1).matches("\\d+")) {
            err.println("usage: java -jar jasyncio-agent.jar ps|pstree PID");
            err.println("  ps PID      a table of every pending task of every running event loop in the JVM PID");
            err.println("  pstree PID  the tree of those tasks by who awaits whom, with the line where each waits");
            return USAGE;
        }
        Path output = Files.createTempFile("jasyncio-" + args.get(0) + "-", ".txt");
        try {
            VirtualMachine target = VirtualMachine.attach(args.get(1));
            try {
                target.loadAgent(ownJar(), InspectAgent.argument(args.get(0), TIMEOUT_MILLIS, output));
            } finally {
                target.detach();
            }
            String reply = Files.readString(output, StandardCharsets.UTF_8);
            if (reply.startsWith(InspectAgent.FAILED)) {
                err.print(reply.substring(InspectAgent.FAILED.length()));
                return 1;
            }
            out.print(reply);
            return 0;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The path of this jar, which the target loads as an agent. */
    private static String ownJar() throws URISyntaxException {
        return new File(InspectTool.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
