// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.signals;

import java.util.Locale;
import java.util.Map;

/**
 * The names of signals, and the ones a Java program cannot handle. HotSpot refuses to hand these to
 * {@code sun.misc.Signal.handle} (checked on JDK 17 and 25: it throws "Signal already used by VM or
 * OS"), except SIGBUS, which it accepts but needs itself; asyncio refuses SIGKILL and SIGSTOP too,
 * since no process can catch them.
 */
final class SignalNames {
    /** The signals refused, each with why, in the words of the error. */
    static final Map<String, String> RESERVED = Map.of(
            "SIGQUIT", "the JVM prints a thread dump on it",
            "SIGILL", "the JVM needs it to handle faults in compiled code",
            "SIGFPE", "the JVM needs it to turn integer division by zero into ArithmeticException",
            "SIGSEGV", "the JVM needs it for null checks, stack overflow and safepoints",
            "SIGBUS", "the JVM needs it to report faults on memory-mapped files",
            "SIGKILL", "no process can catch it",
            "SIGSTOP", "no process can catch it");

    private SignalNames() {
    }

    /**
     * The name of {@code signal} as the JDK's {@code Signal} takes it ({@code "TERM"}), from
     * {@code "SIGTERM"} or {@code "TERM"} in either case; {@link IllegalArgumentException} for a
     * reserved signal, naming it and why.
     */
    static String jdkName(String signal) {
        String upper = signal.toUpperCase(Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        String reason = RESERVED.get(full);
        if (reason != null) {
            throw new IllegalArgumentException("cannot handle " + full + ": " + reason);
        }
        return full.substring(3);
    }
}
