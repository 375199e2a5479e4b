// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
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
     * {@code @Async} method, async lambda, await or emit, or a class that was woven already. Throws
     * {@link WeaveException} listing every method that cannot be woven; that is what a build wants;
     * and {@link UnreadableClassFileException} if the bytes are no class file ASM can read.
     */
    public static byte[] weave(byte[] classFile) throws WeaveException {
        return weaveWithFrameClasses(classFile).classFile();
    }

    /**
     * The woven class; by internal name, the frame classes whose bytes it carries, for tools that
     * verify or write them beside it; the methods that became state machines; and the methods that
     * could not be woven, each replaced in the class by one that throws {@code io.jasyncio.NotWovenError}
     * with its error.
     */
    public record Result(byte[] classFile, Map<String, byte[]> frameClasses, List<WovenMethod> wovenMethods,
            List<WeaveError> errors) {
    }

    /**
     * A method that became a state machine.
     *
     * @param name the method's name ({@code lambda$main$0} for an async lambda)
     * @param descriptor the method's descriptor, as callers see it
     * @param states the states of the state machine: the start, and one for each await
     */
    public record WovenMethod(String name, String descriptor, int states) {
    }

    /** Whether {@code classFile} is marked as woven, so that weaving it again would change nothing; reads only its header. */
    public static boolean isWoven(byte[] classFile) {
        return isWoven(read(classFile, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES));
    }

    /**
     * Whether {@code classFile} can have anything to weave: whether its constant pool names
     * {@code @Async}, a descriptor of {@code Asyncio.await}, or a descriptor that returns
     * {@code Coroutine} or {@code AsyncGenerator}, as an async lambda's body has. A byte search, far cheaper than parsing:
     * a class for which it is {@code false} comes back from the weaver unchanged.
     */
    public static boolean mayNeedWeaving(byte[] classFile) {
        for (byte[] marker : WEAVING_MARKERS) {
            if (contains(classFile, marker)) {
                return true;
            }
        }
        return false;
    }

    /** What {@link #mayNeedWeaving} looks for, as it appears in a constant pool. */
    private static final List<byte[]> WEAVING_MARKERS = List.of(
            RuntimeNames.ASYNC_ANNOTATION.getBytes(StandardCharsets.UTF_8),
            RuntimeNames.AWAIT_DESCRIPTOR.getBytes(StandardCharsets.UTF_8),
            RuntimeNames.AWAIT_STAGE_DESCRIPTOR.getBytes(StandardCharsets.UTF_8),
            (")" + RuntimeNames.COROUTINE_DESCRIPTOR).getBytes(StandardCharsets.UTF_8),
            (")" + RuntimeNames.ASYNC_GENERATOR_DESCRIPTOR).getBytes(StandardCharsets.UTF_8));

    private static boolean contains(byte[] bytes, byte[] pattern) {
        outer:
        for (int start = 0; start <= bytes.length - pattern.length; start++) {
            for (int offset = 0; offset < pattern.length; offset++) {
                if (bytes[start + offset] != pattern[offset]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Like {@link #weave(byte[])}, also returning the frame classes. */
    public static Result weaveWithFrameClasses(byte[] classFile) throws WeaveException {
        Result result = weaveForLoading(classFile);
        if (!result.errors().isEmpty()) {
            throw new WeaveException(result.errors());
        }
        return result;
    }

    /**
     * Weaves {@code classFile} for a class loader that must get a class either way, as the agent's:
     * a method that cannot be woven is replaced by one that throws {@code io.jasyncio.NotWovenError}
     * with the error when called, so the class loads and the mistake surfaces loudly where it is, and the
     * errors are returned for the caller to report.
     */
    public static Result weaveForLoading(byte[] classFile) {
        return weaveForLoading(classFile, PassObserver.NONE);
    }

    /** {@link #weaveForLoading(byte[])}, showing each woven method to {@code observer} after each pass. */
    static Result weaveForLoading(byte[] classFile, PassObserver observer) {
        ClassNode owner = read(classFile, ClassReader.EXPAND_FRAMES);
        if (isWoven(owner) || owner.methods.stream().noneMatch(method -> isCoroutine(method) || awaits(method))) {
            return new Result(classFile, Map.of(), List.of(), List.of());
        }
        List<WeaveError> errors = new ArrayList<>();
        Map<String, byte[]> frameClasses = new LinkedHashMap<>();
        List<WovenMethod> wovenMethods = new ArrayList<>();
        List<MethodNode> methods = new ArrayList<>();
        FrameClassNames frameNames = new FrameClassNames(owner);
        for (MethodNode method : owner.methods) {
            List<WeaveError> refusals;
            if (isCoroutine(method)) {
                refusals = AwaitOutsideCoroutines.referenceErrors(new MethodContext(owner, method, null));
                if (!refusals.isEmpty()) {
                    errors.addAll(refusals);
                    methods.add(RefusedMethods.throwing(method, refusals));
                    continue;
                }
                try {
                    MethodContext context = new MethodContext(owner, method, frameNames.next(method.name));
                    MethodWeaver.WovenMethod woven = MethodWeaver.weave(context, observer);
                    methods.add(woven.factory());
                    methods.add(woven.body());
                    frameClasses.put(woven.frameClass(), woven.frameClassFile());
                    wovenMethods.add(new WovenMethod(woven.factory().name, woven.factory().desc, woven.states()));
                    continue;
                } catch (WeaveException refused) {
                    refusals = refused.errors();
                }
            } else {
                refusals = AwaitOutsideCoroutines.errors(new MethodContext(owner, method, null));
                if (refusals.isEmpty()) {
                    methods.add(method);
                    continue;
                }
            }
            errors.addAll(refusals);
            methods.add(RefusedMethods.throwing(method, refusals));
        }
        errors.addAll(bodyCollisions(owner, methods));
        owner.methods = methods;
        markWoven(owner);
        return new Result(write(owner, errors), frameClasses, wovenMethods, errors);
    }

    /** {@code classFile} parsed with ASM's {@code options}; throws {@link UnreadableClassFileException} if ASM cannot read it. */
    private static ClassNode read(byte[] classFile, int options) {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(classFile).accept(node, options);
        } catch (RuntimeException unreadable) {
            throw new UnreadableClassFileException(unreadable);
        }
        return node;
    }

    /**
     * The class file of {@code owner}. A woven body that outgrows the JVM's 64 KB of code per method
     * (each await saves and restores every live value) is refused like any other method: its error
     * is added to {@code errors} and it and its factory become throwers of it.
     */
    private static byte[] write(ClassNode owner, List<WeaveError> errors) {
        while (true) {
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            owner.accept(writer);
            try {
                return writer.toByteArray();
            } catch (MethodTooLargeException tooLarge) {
                MethodNode body = owner.methods.stream()
                        .filter(method -> method.name.equals(tooLarge.getMethodName())
                                && method.desc.equals(tooLarge.getDescriptor()))
                        .findFirst().orElseThrow(() -> tooLarge);
                List<WeaveError> refusal = List.of(new MethodContext(owner, body, null).error(null,
                        "the woven method is larger than the 64 KB of code the JVM allows a method ("
                                + tooLarge.getCodeSize() + " bytes): split it into smaller @Async methods"));
                errors.addAll(refusal);
                RefusedMethods.throwing(body, refusal);
                // The factory, which callers call, comes right before its body: it throws the error too.
                MethodNode factory = owner.methods.get(owner.methods.indexOf(body) - 1);
                if (factory.name.equals(body.name)) {
                    RefusedMethods.throwing(factory, refusal);
                }
            }
        }
    }

    private static List<WeaveError> bodyCollisions(ClassNode owner, List<MethodNode> methods) {
        List<WeaveError> errors = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (MethodNode method : methods) {
            if (!signatures.add(method.name + method.desc)) {
                errors.add(new MethodContext(owner, method, null).error(null,
                        "the woven body of this @Async method would clash with another method of the same name"
                                + " and descriptor " + method.desc + ": rename one of them"));
            }
        }
        return errors;
    }

    /** Whether the method is woven: an {@code @Async} method or an async lambda. */
    static boolean isCoroutine(MethodNode method) {
        return isAsync(method) || isAsyncLambda(method);
    }

    /**
     * Whether the method is the body of an async lambda, woven like an {@code @Async} method so that
     * calling the lambda runs none of its body until its coroutine is awaited or wrapped in a task, as
     * calling an {@code async def} runs nothing. javac names lambda bodies {@code lambda$...}. One that
     * returns {@code Coroutine} (or {@code AsyncGenerator}: an async generator) is always woven, whatever its body: {@code () -> { throw e; }} throws
     * in the task's first step, not at the call. One that returns {@code Awaitable} (for targets such
     * as {@code Supplier<Awaitable<T>>}) is woven only when it awaits or returns {@code result(...)}:
     * otherwise it may return a future or a task, which is not a coroutine to delegate to.
     *
     * <p>javac also compiles a few method references into {@code lambda$} methods (a varargs target,
     * {@code super::m}, a serializable reference); nothing in the class file tells them from lambdas,
     * so those that return {@code Coroutine} are woven too: the referenced method is then called in the
     * first step, which for an {@code @Async} target, whose factory runs nothing, changes nothing.
     */
    static boolean isAsyncLambda(MethodNode method) {
        if ((method.access & Opcodes.ACC_SYNTHETIC) == 0 || !method.name.startsWith("lambda$")) {
            return false;
        }
        if (method.desc.endsWith(")" + RuntimeNames.COROUTINE_DESCRIPTOR)
                || method.desc.endsWith(")" + RuntimeNames.ASYNC_GENERATOR_DESCRIPTOR)) {
            return true;
        }
        return method.desc.endsWith(")" + RuntimeNames.AWAITABLE_DESCRIPTOR)
                && StreamSupport.stream(method.instructions.spliterator(), false)
                        .anyMatch(instruction -> AwaitSites.isAwait(instruction) || AwaitSites.isResult(instruction));
    }

    private static boolean awaits(MethodNode method) {
        return method.instructions.size() > 0
                && StreamSupport.stream(method.instructions.spliterator(), false)
                        .anyMatch(instruction -> AwaitSites.isAwait(instruction) || AwaitSites.isAwaitReference(instruction)
                                || EmitSites.isEmit(instruction));
    }

    /**
     * Whether {@code method} is an {@code @Async} method to weave. A bridge method is not, though javac
     * copies the annotation onto the bridge of a generic override ({@code Object get()} beside
     * {@code Coroutine<T> get()}): it only calls the method it bridges, which is woven.
     */
    static boolean isAsync(MethodNode method) {
        return (method.access & Opcodes.ACC_BRIDGE) == 0
                && (hasAnnotation(method.invisibleAnnotations, RuntimeNames.ASYNC_ANNOTATION)
                        || hasAnnotation(method.visibleAnnotations, RuntimeNames.ASYNC_ANNOTATION));
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
