// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
final class WovenClasses extends PackageClassLoader {
    /** Reads the unwoven class file of a binary name, or returns {@code null} if there is none. */
    private final Function<String, byte[]> classFiles;

    /** Loads the classes of {@code packageName} from the test classpath. */
    WovenClasses(String packageName) {
        this(packageName, WovenClasses::readClassFile);
    }

    /** Loads the classes of {@code packageName} from {@code classFiles}, such as a directory javac wrote. */
    WovenClasses(String packageName, Function<String, byte[]> classFiles) {
        super(packageName);
        this.classFiles = classFiles;
    }

    /** Class files from the directory {@code root}, laid out by package as javac writes them. */
    static Function<String, byte[]> fromDirectory(Path root) {
        return binaryName -> {
            Path classFile = root.resolve(binaryName.replace('.', '/') + ".class");
            try {
                return Files.isRegularFile(classFile) ? Files.readAllBytes(classFile) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    protected byte[] classFileToDefine(String binaryName) {
        byte[] original = classFiles.apply(binaryName);
        return original == null ? null : weaveAndVerify(binaryName, original);
    }

    /** Weaves {@code original} and checks the result and its frame classes; fails the test on any problem. */
    static byte[] weaveAndVerify(String name, byte[] original) {
        ClassWeaver.Result result = weave(name, original);
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
     * Weaves {@code original} and checks every method of the result and of its frame classes with
     * ASM's basic verifier, which loads no class: for class files newer than the running JVM.
     */
    static void weaveAndVerifyWithoutLoading(String name, byte[] original) {
        ClassWeaver.Result result = weave(name, original);
        List<byte[]> woven = new ArrayList<>(result.frameClasses().values());
        woven.add(result.classFile());
        for (byte[] classFile : woven) {
            ClassNode wovenClass = new ClassNode();
            new ClassReader(classFile).accept(wovenClass, 0);
            for (MethodNode method : wovenClass.methods) {
                if (method.instructions.size() > 0) {
                    analyzeAfterPass("the weave", wovenClass, method);
                }
            }
        }
    }

    private static ClassWeaver.Result weave(String name, byte[] original) {
        ClassWeaver.Result result = ClassWeaver.weaveForLoading(original, WovenClasses::analyzeAfterPass);
        if (!result.errors().isEmpty()) {
            throw new AssertionError("cannot weave " + name + ":\n" + new WeaveException(result.errors()).getMessage());
        }
        return result;
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
