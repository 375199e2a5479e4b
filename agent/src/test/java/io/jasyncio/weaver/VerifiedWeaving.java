// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

/**
 * Weaving checked by ASM's verifier, for tests in other packages: the public face of
 * {@link WovenClasses#weaveAndVerify(String, byte[])}, which the differential fuzzer in
 * {@code io.jasyncio.weaver.fuzz} uses for classes it compiles itself.
 */
public final class VerifiedWeaving {
    private VerifiedWeaving() {
    }

    /**
     * The woven form of the class {@code binaryName}; throws {@link AssertionError} when the weaver
     * refuses it or when the woven class or one of its frame classes does not verify.
     */
    public static byte[] weaveAndVerify(String binaryName, byte[] classFile) {
        return WovenClasses.weaveAndVerify(binaryName, classFile);
    }
}
