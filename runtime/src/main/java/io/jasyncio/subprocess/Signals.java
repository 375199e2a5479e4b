// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals to a child, Python's {@code os.kill(pid, signal)}. The JDK sends only SIGTERM
 * ({@link Process#destroy()}) and SIGKILL ({@link Process#destroyForcibly()}); any other signal goes
 * through the system's {@code kill} command, which this waits for, so that signals sent one after
 * another arrive in that order and a bad signal number throws here.
 */
final class Signals {
    /** SIGKILL, the same number on every Unix. */
    static final int SIGKILL = 9;

    /** SIGTERM, the same number on every Unix. */
    static final int SIGTERM = 15;

    /** How long the {@code kill} command may take, in seconds: it returns as soon as the signal is sent. */
    private static final long KILL_COMMAND_TIMEOUT = 10;

    private Signals() {
    }

    /** Sends {@code signal} to {@code child}, which was alive a moment ago. */
    static void send(Process child, int signal) {
        if (signal == SIGTERM) {
            child.destroy();
        } else if (signal == SIGKILL) {
            child.destroyForcibly();
        } else {
            runKill(child.pid(), signal);
        }
    }

    private static void runKill(long pid, int signal) {
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        } catch (IOException failure) {
            throw new UnsupportedOperationException("cannot send signal " + signal + ": no kill command", failure);
        }
        try {
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return in " + KILL_COMMAND_TIMEOUT + " s");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes()).trim();
                if (!output.contains("No such process")) { // it exited meanwhile: asyncio's send_signal polls first too
                    throw new IllegalArgumentException("kill -" + signal + " " + pid + " failed: " + output);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + signal + " to " + pid, interrupted);
        } catch (IOException unreadable) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed", unreadable);
        }
    }
}
