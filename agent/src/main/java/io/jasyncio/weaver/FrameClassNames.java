// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;

/**
 * Names the frame classes of one owner: {@code Owner-method-Frame}, and {@code Owner-method-Frame2},
 * {@code Owner-method-Frame3}, ... for further woven methods of the same name (overloads).
 *
 * <p>Unique by construction: a {@code -} is legal in a class file's class name but not in a Java
 * identifier, so javac never writes one in the name of a class that can own a method (only
 * {@code package-info} and {@code module-info} have one). The first {@code -} of a frame class name
 * therefore ends its owner's name, and no user class, nested or not, and no frame of another owner
 * ({@code a$b()} of {@code Clash} against {@code b()} of {@code Clash.a}) can have the name. Within
 * one owner, the trailing number tells overloads apart. For class files that other compilers wrote,
 * whose names may hold a {@code -}, a name that the owner's nest already uses (its
 * {@code InnerClasses}, {@code NestMembers}, {@code NestHost} and enclosing class, read from the class
 * file, never loaded) is skipped for the next number.
 *
 * <p>Deterministic: the names depend on the owner's class file alone, so the agent and the plugin
 * name every frame alike.
 */
final class FrameClassNames {
    /** What separates the owner, the method and the suffix: a character javac never writes in a class name. */
    static final char SEPARATOR = '-';

    /** The suffix of every frame class name, before the number of an overload. */
    static final String SUFFIX = "Frame";

    private final String owner;
    private final Set<String> taken = new HashSet<>();

    /** The namer of the frames of {@code owner}, which avoids every class name its nest attributes list. */
    FrameClassNames(ClassNode owner) {
        this.owner = owner.name;
        taken.add(owner.name);
        if (owner.innerClasses != null) {
            for (InnerClassNode inner : owner.innerClasses) {
                taken.add(inner.name);
            }
        }
        if (owner.nestMembers != null) {
            taken.addAll(owner.nestMembers);
        }
        if (owner.nestHostClass != null) {
            taken.add(owner.nestHostClass);
        }
        if (owner.outerClass != null) {
            taken.add(owner.outerClass);
        }
    }

    /** The internal name of the frame class of the next woven method named {@code method}: a name not given before. */
    String next(String method) {
        String base = owner + SEPARATOR + method + SEPARATOR + SUFFIX;
        String name = base;
        for (int overload = 2; !taken.add(name); overload++) {
            name = base + overload;
        }
        return name;
    }
}
