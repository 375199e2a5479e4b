// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * The programs of {@code io.jasyncio.weaver.contract}, woven, verified and loaded in a class loader of
 * their own (so each instance starts with fresh static state), and reflective calls of their methods
 * that throw what the method threw.
 */
final class ContractPrograms {
    static final String PACKAGE = "io.jasyncio.weaver.contract";

    private final WovenClasses classes = new WovenClasses(PACKAGE);

    /** The woven class {@code simpleName} of the contract package. */
    Class<?> load(String simpleName) {
        return classes.load(PACKAGE + "." + simpleName);
    }

    /** Calls the static method {@code name} of {@code type}, the only public method of that name. */
    static Object callStatic(Class<?> type, String name, Object... arguments) {
        return invoke(method(type, name), null, arguments);
    }

    /** The only public method named {@code name} of {@code type}. */
    static Method method(Class<?> type, String name) {
        List<Method> named = Arrays.stream(type.getMethods()).filter(method -> method.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new IllegalArgumentException(named.size() + " public methods named " + name + " in " + type);
        }
        return named.get(0);
    }

    /** Calls {@code method} on {@code receiver} ({@code null} for a static one); throws what it threw. */
    static Object invoke(Method method, Object receiver, Object... arguments) {
        try {
            return method.invoke(receiver, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException thrown) {
            throw sneakyThrow(thrown.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable thrown) throws E {
        throw (E) thrown;
    }
}
