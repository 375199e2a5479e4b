// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Loads the classes of one package from the test classpath woven, after checking each woven method
 * after every pass and every woven class and frame class with ASM's verifier. Frame classes are left for the woven code to define, as in
 * production; only the verifier gets them up front.
 */
final class WovenClasses extends ClassLoader {
    private final String packagePrefix;

    WovenClasses(String packageName) {
        super(WovenClasses.class.getClassLoader());
        this.packagePrefix = packageName + ".";
    }

    /** The class {@code binaryName}, woven and verified. */
    Class<?> load(String binaryName) {
        try {
            return loadClass(binaryName);
        } catch (ClassNotFoundException absent) {
            throw new AssertionError(absent);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            byte[] original = readClassFile(name);
            if (original == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] woven = weaveAndVerify(name, original);
            return defineClass(name, woven, 0, woven.length);
        }
    }

    /** Weaves {@code original} and checks the result and its frame classes; fails the test on any problem. */
    static byte[] weaveAndVerify(String name, byte[] original) {
        ClassWeaver.Result result = ClassWeaver.weaveForLoading(original, WovenClasses::analyzeAfterPass);
        if (!result.errors().isEmpty()) {
            throw new AssertionError("cannot weave " + name + ":\n" + new WeaveException(result.errors()).getMessage());
        }
        Map<String, byte[]> woven = new HashMap<>(result.frameClasses());
        woven.put(name.replace('.', '/'), result.classFile());
        ClassLoader verifierLoader = new VerifierClasses(woven);
        for (Map.Entry<String, byte[]> each : woven.entrySet()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(each.getValue()), verifierLoader, false, new PrintWriter(problems));
            if (!problems.toString().isEmpty()) {
                fail("woven " + each.getKey() + " does not verify:\n" + problems);
            }
        }
        return result.classFile();
    }

    /**
     * Runs ASM's analyser over a method between two passes, so that a broken method fails the test
     * with the name of the pass that broke it rather than at the end.
     */
    private static void analyzeAfterPass(String pass, ClassNode owner, MethodNode method) {
        int maxStack = method.maxStack;
        method.maxStack = Math.max(maxStack, 64) * 2;
        try {
            new Analyzer<>(new BasicVerifier()).analyze(owner.name, method);
        } catch (AnalyzerException broken) {
            fail("after " + pass + ", " + owner.name + "." + method.name + method.desc + " does not verify: "
                    + broken.getMessage(), broken);
        } finally {
            method.maxStack = maxStack;
        }
    }

    static byte[] readClassFile(String binaryName) {
        try (InputStream in = WovenClasses.class.getClassLoader()
                .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives ASM's verifier the woven classes of one weave, frame classes included. */
    private static final class VerifierClasses extends ClassLoader {
        private final Map<String, byte[]> classFiles;

        VerifierClasses(Map<String, byte[]> classFiles) {
            super(WovenClasses.class.getClassLoader());
            this.classFiles = classFiles;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] classFile = classFiles.get(name.replace('.', '/'));
            if (classFile == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
            }
        }
    }
}
