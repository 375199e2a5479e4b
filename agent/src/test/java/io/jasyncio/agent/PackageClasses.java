// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent;

import io.jasyncio.weaver.PackageClassLoader;
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
 * verified, as the Maven plugin leaves them.
 */
final class PackageClasses extends PackageClassLoader {
    /** How the classes are woven. */
    enum Weaving {
        /** By the {@code -javaagent}'s transformer, as each class loads. */
        AGENT,
        /** By the weaver before loading, as the Maven plugin weaves {@code target/classes}. */
        BUILD
    }

    private final Weaving weaving;
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();
    private final WeavingTransformer transformer = new WeavingTransformer(
            new PrintStream(report, true, StandardCharsets.UTF_8), false);

    /** Classes of the package that are not on the class path, defined as given, unwoven. */
    private final Map<String, byte[]> planted = new HashMap<>();

    PackageClasses(String packageName, Weaving weaving) {
        super(packageName);
        this.weaving = weaving;
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
    protected byte[] classFileToDefine(String binaryName) {
        if (planted.containsKey(binaryName)) {
            return planted.get(binaryName);
        }
        if (PackageClasses.class.getClassLoader().getResource(binaryName.replace('.', '/') + ".class") == null) {
            return null;
        }
        byte[] classFile = classFile(binaryName);
        if (weaving == Weaving.BUILD) {
            return VerifiedWeaving.weaveAndVerify(binaryName, classFile);
        }
        byte[] transformed = transformer.transform(this, binaryName.replace('.', '/'), null, null, classFile);
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
