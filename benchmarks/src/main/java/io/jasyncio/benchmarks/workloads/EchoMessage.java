// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import java.util.Arrays;

/**
 * The message that the echo workload's clients send, the same on every JVM system (and in
 * {@code asyncio_workloads.py}), and the check of its echo.
 */
final class EchoMessage {
    private EchoMessage() {
    }

    /** A message of {@code bytes} bytes: the letters {@code a} to {@code z} over and over. */
    static byte[] of(int bytes) {
        byte[] message = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        return message;
    }

    /** Throws unless {@code echo} holds the bytes of {@code message}: a system that mangles or drops data fails the run. */
    static void check(byte[] message, byte[] echo) {
        if (!Arrays.equals(message, echo)) {
            throw new IllegalStateException("echo " + Arrays.toString(echo) + " differs from the message "
                    + Arrays.toString(message));
        }
    }
}
