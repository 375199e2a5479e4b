// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The weaver: class file bytes in, class file bytes out, with every {@code @Async} method rewritten
 * into a resumable state machine. A pure function, used unchanged by the {@code -javaagent} and the
 * Maven plugin, so that both produce the same bytes. It never loads a class.
 */
public final class ClassWeaver {
    private ClassWeaver() {
    }

    /**
     * Weaves {@code classFile}. Returns the same array when there is nothing to weave: no
     * {@code @Async} method, or a class that was woven already. Throws {@link WeaveException} listing
     * every method that cannot be woven.
     */
    public static byte[] weave(byte[] classFile) throws WeaveException {
        return weaveWithFrameClasses(classFile).classFile();
    }

    /**
     * The woven class and, by internal name, the frame classes whose bytes it carries, for tools
     * that verify or write them beside it.
     */
    public record Result(byte[] classFile, Map<String, byte[]> frameClasses) {
    }

    /** Like {@link #weave(byte[])}, also returning the frame classes. */
    public static Result weaveWithFrameClasses(byte[] classFile) throws WeaveException {
        ClassNode owner = new ClassNode();
        new ClassReader(classFile).accept(owner, ClassReader.EXPAND_FRAMES);
        if (isWoven(owner) || owner.methods.stream().noneMatch(ClassWeaver::isAsync)) {
            return new Result(classFile, Map.of());
        }
        List<WeaveError> errors = new ArrayList<>();
        Map<String, byte[]> frameClasses = new LinkedHashMap<>();
        List<MethodNode> methods = new ArrayList<>();
        Set<String> frameNames = new HashSet<>();
        for (MethodNode method : owner.methods) {
            if (!isAsync(method)) {
                methods.add(method);
                continue;
            }
            try {
                MethodContext context = new MethodContext(owner, method, frameClassName(owner, method, frameNames));
                MethodWeaver.WovenMethod woven = MethodWeaver.weave(context);
                methods.add(woven.factory());
                methods.add(woven.body());
                frameClasses.put(woven.frameClass(), woven.frameClassFile());
            } catch (WeaveException refused) {
                errors.addAll(refused.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new WeaveException(errors);
        }
        rejectBodyCollisions(owner, methods);
        owner.methods = methods;
        markWoven(owner);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        owner.accept(writer);
        return new Result(writer.toByteArray(), frameClasses);
    }

    /** {@code Owner$method$Frame}, numbered from 2 for further overloads of the same name. */
    private static String frameClassName(ClassNode owner, MethodNode method, Set<String> taken) {
        String base = owner.name + "$" + method.name + "$Frame";
        String name = base;
        for (int overload = 2; !taken.add(name); overload++) {
            name = base + overload;
        }
        return name;
    }

    private static void rejectBodyCollisions(ClassNode owner, List<MethodNode> methods) throws WeaveException {
        Set<String> signatures = new HashSet<>();
        for (MethodNode method : methods) {
            if (!signatures.add(method.name + method.desc)) {
                throw new WeaveException(List.of(new MethodContext(owner, method, null).error(null,
                        "the woven body of this @Async method would clash with another method of the same name"
                                + " and descriptor " + method.desc + ": rename one of them")));
            }
        }
    }

    static boolean isAsync(MethodNode method) {
        return hasAnnotation(method.invisibleAnnotations, RuntimeNames.ASYNC_ANNOTATION)
                || hasAnnotation(method.visibleAnnotations, RuntimeNames.ASYNC_ANNOTATION);
    }

    private static boolean isWoven(ClassNode owner) {
        return hasAnnotation(owner.invisibleAnnotations, RuntimeNames.WOVEN_ANNOTATION);
    }

    private static void markWoven(ClassNode owner) {
        AnnotationNode marker = new AnnotationNode(RuntimeNames.WOVEN_ANNOTATION);
        marker.values = List.of("version", RuntimeNames.CONTRACT_VERSION);
        if (owner.invisibleAnnotations == null) {
            owner.invisibleAnnotations = new ArrayList<>();
        }
        owner.invisibleAnnotations.add(marker);
    }

    private static boolean hasAnnotation(List<AnnotationNode> annotations, String descriptor) {
        return annotations != null && annotations.stream().anyMatch(annotation -> annotation.desc.equals(descriptor));
    }
}
