// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.WeaveError;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Weaves classes as the JVM loads them.
 *
 * <p>A transformer that throws makes the JVM load the class unwoven without a word, so this one
 * reports every problem itself. A method that cannot be woven is loaded as one that throws
 * {@code io.jasyncio.NotWovenError} with the error, and the rest of its class is woven; should the
 * weaver itself fail, the class loads unwoven and its awaits throw {@code NotWovenError} when they run.
 * A class woven already, by the annotation processor or the Maven plugin, loads as it is: only its
 * header is read.
 */
final class WeavingTransformer implements ClassFileTransformer {
    private final PrintStream report;

    WeavingTransformer(PrintStream report) {
        this.report = report;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || classBeingRedefined != null || !ClassWeaver.mayNeedWeaving(classFile)) {
            return null;
        }
        try {
            if (ClassWeaver.isWoven(classFile)) {
                return null;
            }
            ClassWeaver.Result woven = ClassWeaver.weaveForLoading(classFile);
            for (WeaveError error : woven.errors()) {
                report.println("jasyncio: cannot weave: " + error);
            }
            return woven.classFile() == classFile ? null : woven.classFile();
        } catch (Throwable failure) {
            report.println("jasyncio: the weaver failed on " + className + ", which stays unwoven: " + failure);
            failure.printStackTrace(report);
        }
        return null;
    }
}
