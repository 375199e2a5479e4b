// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.Opcodes;

/**
 * The kinds of typed slot in a frame class, one per JVM value sort, so that no primitive is ever
 * boxed: {@code boolean}, {@code byte}, {@code char}, {@code short} and {@code int} share {@code I}
 * slots, as they share the JVM's int type. {@link #NULL} needs no slot: a value the verifier knows to
 * be {@code null} is pushed again with {@code aconst_null}.
 */
enum SlotSort {
    REFERENCE("L", "Ljava/lang/Object;", Opcodes.ALOAD, Opcodes.ASTORE),
    INT("I", "I", Opcodes.ILOAD, Opcodes.ISTORE),
    LONG("J", "J", Opcodes.LLOAD, Opcodes.LSTORE),
    FLOAT("F", "F", Opcodes.FLOAD, Opcodes.FSTORE),
    DOUBLE("D", "D", Opcodes.DLOAD, Opcodes.DSTORE),
    NULL(null, null, Opcodes.ALOAD, Opcodes.ASTORE);

    /** The prefix of the slot fields' names: {@code L$0}, {@code I$0}, ... */
    final String fieldPrefix;
    final String fieldDescriptor;
    final int loadOpcode;
    final int storeOpcode;

    SlotSort(String fieldPrefix, String fieldDescriptor, int loadOpcode, int storeOpcode) {
        this.fieldPrefix = fieldPrefix;
        this.fieldDescriptor = fieldDescriptor;
        this.loadOpcode = loadOpcode;
        this.storeOpcode = storeOpcode;
    }

    /** Whether the value takes two slots of locals and stack. */
    boolean isWide() {
        return this == LONG || this == DOUBLE;
    }

    /** The name of the slot field number {@code index} of this sort. */
    String fieldName(int index) {
        return fieldPrefix + "$" + index;
    }

    /**
     * The sort of a verifier type ({@link FrameTypes.Snapshot}'s form), or {@code null} for
     * {@link Opcodes#TOP}, which holds no value. Objects not yet constructed cannot be saved: the
     * caller reports them.
     */
    static SlotSort of(Object verifierType) {
        if (verifierType == Opcodes.TOP) {
            return null;
        }
        if (verifierType == Opcodes.INTEGER) {
            return INT;
        }
        if (verifierType == Opcodes.LONG) {
            return LONG;
        }
        if (verifierType == Opcodes.FLOAT) {
            return FLOAT;
        }
        if (verifierType == Opcodes.DOUBLE) {
            return DOUBLE;
        }
        if (verifierType == Opcodes.NULL) {
            return NULL;
        }
        if (verifierType instanceof String) {
            return REFERENCE;
        }
        throw new IllegalArgumentException("not a constructed value: " + verifierType);
    }

    /** Whether {@code verifierType} is an object whose constructor has not run yet. */
    static boolean isUninitialized(Object verifierType) {
        return verifierType == Opcodes.UNINITIALIZED_THIS || verifierType instanceof org.objectweb.asm.Label;
    }
}
