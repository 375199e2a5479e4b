// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

/** A type of value in generated programs: every primitive type, and {@code String}. */
enum ValueType {
    BOOLEAN(boolean.class, Boolean.class),
    BYTE(byte.class, Byte.class),
    SHORT(short.class, Short.class),
    CHAR(char.class, Character.class),
    INT(int.class, Integer.class),
    LONG(long.class, Long.class),
    FLOAT(float.class, Float.class),
    DOUBLE(double.class, Double.class),
    STRING(String.class, String.class);

    /** The types of numbers, narrowest first in the order of binary numeric promotion. */
    static final ValueType[] NUMERIC = {BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE};

    /** The types of integers. */
    static final ValueType[] INTEGRAL = {BYTE, SHORT, CHAR, INT, LONG};

    /** The class of a value of this type, as reflection names parameter types. */
    final Class<?> javaClass;

    /** The class of a value of this type once boxed, which is what awaiting one returns. */
    final Class<?> boxedClass;

    ValueType(Class<?> javaClass, Class<?> boxedClass) {
        this.javaClass = javaClass;
        this.boxedClass = boxedClass;
    }

    /** The type as written in a declaration. */
    Type syntax() {
        return this == STRING
                ? new ClassOrInterfaceType(null, "String")
                : new PrimitiveType(PrimitiveType.Primitive.valueOf(name()));
    }

    /** The boxed type, as written in a type argument. */
    ClassOrInterfaceType boxedSyntax() {
        return new ClassOrInterfaceType(null, boxedClass.getSimpleName());
    }

    /** {@code Coroutine<Boxed>}, the type of a coroutine of a value of this type. */
    ClassOrInterfaceType coroutineSyntax() {
        return new ClassOrInterfaceType(null, "Coroutine").setTypeArguments(boxedSyntax());
    }

    boolean isNumeric() {
        return this != BOOLEAN && this != STRING;
    }

    boolean isIntegral() {
        return isNumeric() && this != FLOAT && this != DOUBLE;
    }

    /** The type of {@code a op b} for a numeric operator: binary numeric promotion. */
    static ValueType promoted(ValueType a, ValueType b) {
        ValueType wider = a.ordinal() >= b.ordinal() ? a : b;
        return wider.ordinal() < INT.ordinal() ? INT : wider;
    }
}
