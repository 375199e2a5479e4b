// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import io.jasyncio.weaver.WeaveException;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Weaves classes as the JVM loads them.
 *
 * <p>A transformer that throws makes the JVM load the class unwoven without a word, so this one
 * catches everything and reports it itself; the class then loads unwoven, and its awaits throw
 * {@link IllegalStateException} when they run instead of failing silently.
 */
final class WeavingTransformer implements ClassFileTransformer {
    /** The annotation's descriptor as it appears in the constant pool of a class that uses it. */
    private static final byte[] ASYNC_DESCRIPTOR = "Lio/jasyncio/annotations/Async;".getBytes(StandardCharsets.UTF_8);

    private final PrintStream report;

    WeavingTransformer(PrintStream report) {
        this.report = report;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || classBeingRedefined != null || !contains(classFile, ASYNC_DESCRIPTOR)) {
            return null;
        }
        try {
            byte[] woven = ClassWeaver.weave(classFile);
            return woven == classFile ? null : woven;
        } catch (WeaveException refused) {
            for (WeaveError error : refused.errors()) {
                report.println("jasyncio: cannot weave: " + error);
            }
        } catch (Throwable failure) {
            report.println("jasyncio: the weaver failed on " + className + ", which stays unwoven: " + failure);
            failure.printStackTrace(report);
        }
        return null;
    }

    /** Whether {@code bytes} contains {@code pattern}: a cheap test that skips most classes. */
    static boolean contains(byte[] bytes, byte[] pattern) {
        outer:
        for (int start = 0; start <= bytes.length - pattern.length; start++) {
            for (int offset = 0; offset < pattern.length; offset++) {
                if (bytes[start + offset] != pattern[offset]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
