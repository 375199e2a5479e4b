// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

/**
 * A class loader that defines the classes of one package itself, from the bytes a subclass gives,
 * woven or not, and leaves every other class to its parent: the test class path's.
 */
public abstract class PackageClassLoader extends ClassLoader {
    private final String packagePrefix;

    /** A loader of the classes of {@code packageName}. */
    protected PackageClassLoader(String packageName) {
        super(PackageClassLoader.class.getClassLoader());
        this.packagePrefix = packageName + ".";
    }

    /** The bytes to define as the class {@code binaryName} of the package, or {@code null} if there is no such class. */
    protected abstract byte[] classFileToDefine(String binaryName);

    /** The class {@code binaryName}; a missing class fails the test. */
    public Class<?> load(String binaryName) {
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
            byte[] classFile = classFileToDefine(name);
            if (classFile == null) {
                throw new ClassNotFoundException(name); // such as a frame class, before its owner defines it
            }
            return defineClass(name, classFile, 0, classFile.length);
        }
    }
}
