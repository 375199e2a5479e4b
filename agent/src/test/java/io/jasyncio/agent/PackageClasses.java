// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.weaver.VerifiedWeaving;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the classes of one package from the test class path as one of the two weavings gives them:
 * through the agent's transformer, as at class-load time, or woven by the weaver beforehand and
 * verified, as the Maven plugin leaves them. Every other class comes from the parent.
 */
final class PackageClasses extends ClassLoader {
    /** How the classes are woven. */
    enum Weaving {
        /** By the {@code -javaagent}'s transformer, as each class loads. */
        AGENT,
        /** By the weaver before loading, as the Maven plugin weaves {@code target/classes}. */
        BUILD
    }

    private final String packagePrefix;
    private final Weaving weaving;
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();
    private final WeavingTransformer transformer = new WeavingTransformer(
            new PrintStream(report, true, StandardCharsets.UTF_8), false);

    /** Classes of the package that are not on the class path, defined as given, unwoven. */
    private final Map<String, byte[]> planted = new HashMap<>();

    PackageClasses(String packageName, Weaving weaving) {
        super(PackageClasses.class.getClassLoader());
        this.packagePrefix = packageName + ".";
        this.weaving = weaving;
    }

    /** The class {@code binaryName}, woven. */
    Class<?> load(String binaryName) {
        try {
            return loadClass(binaryName);
        } catch (ClassNotFoundException absent) {
            throw new AssertionError(absent);
        }
    }

    /** Adds the class {@code binaryName} of the package, defined from {@code classFile} as it is. */
    PackageClasses plant(String binaryName, byte[] classFile) {
        planted.put(binaryName, classFile);
        return this;
    }

    /** What the agent's transformer reported, if the agent weaves. */
    String reported() {
        return report.toString(StandardCharsets.UTF_8);
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
            if (planted.containsKey(name)) {
                return defineClass(name, planted.get(name), 0, planted.get(name).length);
            }
            if (PackageClasses.class.getClassLoader().getResource(name.replace('.', '/') + ".class") == null) {
                throw new ClassNotFoundException(name); // a frame class, before its owner defines it
            }
            byte[] classFile = woven(name, classFile(name));
            return defineClass(name, classFile, 0, classFile.length);
        }
    }

    private byte[] woven(String name, byte[] classFile) {
        if (weaving == Weaving.BUILD) {
            return VerifiedWeaving.weaveAndVerify(name, classFile);
        }
        byte[] transformed = transformer.transform(this, name.replace('.', '/'), null, null, classFile);
        return transformed != null ? transformed : classFile;
    }

    /** The unwoven class file of {@code binaryName} on the test class path. */
    static byte[] classFile(String binaryName) {
        try (InputStream in = PackageClasses.class.getClassLoader()
                .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + binaryName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
