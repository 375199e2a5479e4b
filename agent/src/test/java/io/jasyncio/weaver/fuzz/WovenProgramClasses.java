// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import io.jasyncio.weaver.VerifiedWeaving;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a batch of compiled generated programs from a directory, each woven and checked with ASM's
 * verifier by {@link VerifiedWeaving}, together with a woven copy of {@link ProgramSupport} of its
 * own. Everything else comes from the test class path, including the exception types the verifier
 * must resolve.
 */
final class WovenProgramClasses extends ClassLoader {
    private static final String PROGRAM_PREFIX = ProgramGenerator.PACKAGE + ".";
    private static final String SUPPORT = ProgramSupport.class.getName();

    private final Path classDirectory;

    WovenProgramClasses(Path classDirectory) {
        super(WovenProgramClasses.class.getClassLoader());
        this.classDirectory = classDirectory;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PROGRAM_PREFIX) && !name.equals(SUPPORT)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            byte[] woven = VerifiedWeaving.weaveAndVerify(name, classFile(name));
            return defineClass(name, woven, 0, woven.length);
        }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        try {
            if (name.equals(SUPPORT)) {
                try (InputStream in = getParent().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    return in.readAllBytes();
                }
            }
            Path file = classDirectory.resolve(path);
            if (!Files.exists(file)) {
                throw new ClassNotFoundException(name);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
