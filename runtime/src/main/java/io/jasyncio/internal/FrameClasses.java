// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.Coroutine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that recognises the weaver's frame classes, whatever their names: a frame class is a
 * synthetic subclass of {@link Coroutine}, and the bootstrap that opens every woven method
 * ({@link WovenCode#defineFrameClass}) records its name here, so that a stack trace, which holds
 * names only, can be cleaned of the frames' {@code resume()} lines.
 */
public final class FrameClasses {
    /** The names of the frame classes that a woven method has used; thread-safe. */
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private FrameClasses() {
    }

    /** Whether {@code type} is a weaver's frame class: a synthetic subclass of {@link Coroutine}. */
    public static boolean isFrameClass(Class<?> type) {
        return type.isSynthetic() && Coroutine.class.isAssignableFrom(type);
    }

    /** Whether {@code className} names a frame class that some woven method has used in this JVM. */
    public static boolean isFrameClassName(String className) {
        return NAMES.contains(className);
    }

    /** Records {@code type} if it is a frame class; called once per woven method's call site. */
    static void defined(Class<?> type) {
        if (isFrameClass(type)) {
            NAMES.add(type.getName());
        }
    }
}
