// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.weaver.ClassWeaver;
import io.jasyncio.weaver.UnreadableClassFileException;
import io.jasyncio.weaver.WeaveError;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Weaves classes as the JVM loads them.
 *
 * <p>A transformer that throws makes the JVM load the class unwoven without a word, so this one
 * reports every problem itself, one line each. A method that cannot be woven is loaded as one that
 * throws {@link IllegalStateException} with the error, and the rest of its class is woven; bytes that
 * are no class file, or a failure of the weaver itself, leave the class unwoven (its awaits throw
 * when they run), reported in one line naming the class and the reason, with the stack trace only
 * when verbose.
 */
final class WeavingTransformer implements ClassFileTransformer {
    private final PrintStream report;

    /** Whether to report each woven method and the stack trace of each failure. */
    private final boolean verbose;

    WeavingTransformer(PrintStream report, boolean verbose) {
        this.report = report;
        this.verbose = verbose;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || classBeingRedefined != null || !ClassWeaver.mayNeedWeaving(classFile)) {
            return null;
        }
        String binaryName = className == null ? "a class without a name" : className.replace('/', '.');
        try {
            ClassWeaver.Result woven = ClassWeaver.weaveForLoading(classFile);
            for (WeaveError error : woven.errors()) {
                report.println("jasyncio: cannot weave: " + error);
            }
            if (verbose) {
                for (ClassWeaver.WovenMethod method : woven.wovenMethods()) {
                    report.println("jasyncio: wove " + binaryName + "." + method.name() + " (" + method.states()
                            + " states)");
                }
            }
            return woven.classFile() == classFile ? null : woven.classFile();
        } catch (Throwable failure) {
            String reason = failure instanceof UnreadableClassFileException ? failure.getMessage()
                    : "the weaver failed: " + failure;
            report.println("jasyncio: cannot weave " + binaryName + ", which loads unwoven: " + reason
                    + (verbose ? "" : " (the agent option verbose, -javaagent:jasyncio-agent.jar=verbose, shows the"
                            + " stack trace)"));
            if (verbose) {
                failure.printStackTrace(report);
            }
        }
        return null;
    }
}
