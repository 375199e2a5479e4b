// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass: the closes of a try-with-resources ({@link TryWithResources}) become awaits, so that an
 * {@code io.jasyncio.AsyncCloseable} resource is closed by awaiting its {@code aclose()}, Python's
 * {@code async with}; any other resource is closed by its {@code close()}, as before, without
 * suspending.
 *
 * <pre>
 * before:  aload r; invokeinterface R.close()V
 * after:   aload r; invokestatic WovenCode.closeResource(AutoCloseable)Awaitable;
 *          invokestatic Asyncio.await(Awaitable)Object; pop
 *
 * before:  aload t; aload t2; invokevirtual Throwable.addSuppressed(Throwable)V          (exceptional exit)
 * after:   aload t; aload t2; invokestatic WovenCode.addSuppressed(Throwable, Throwable)V
 * </pre>
 *
 * {@code closeResource} awaits {@code aclose()} for an {@code AsyncCloseable} and calls {@code close()}
 * on anything else, returning a future that is done: the await then continues without suspending.
 * {@code addSuppressed} is Java's rule, but a {@code CancelledError} from {@code aclose()} propagates
 * (with the body's exception suppressed in it) instead of being suppressed, so that a cancellation
 * is never lost. Left alone: a resource whose static type is the JDK's (no JDK type can be an
 * {@code AsyncCloseable}); a close while a monitor may be held, where no await may be (the processor
 * reports an {@code AsyncCloseable} there).
 *
 * <p>Precondition: the method as javac wrote it. Postcondition: the rewritten closes are calls of
 * {@code Asyncio.await}, which {@link AwaitSites} finds with the user's.
 */
final class AwaitResourceClosesPass {
    private AwaitResourceClosesPass() {
    }

    /** Rewrites the closes of {@code method}'s try-with-resources; returns whether it changed anything. */
    static boolean run(MethodNode method) {
        InsnList instructions = method.instructions;
        Set<MethodInsnNode> closes = new LinkedHashSet<>(); // a close may belong to two statements on one variable
        List<MethodInsnNode> suppressions = new ArrayList<>();
        int[] monitors = null;
        for (TryWithResources.Statement statement : TryWithResources.of(method)) {
            if (isJdkType(statement.resourceType())) {
                continue;
            }
            if (monitors == null) {
                monitors = MonitorDepth.of(method);
            }
            if (monitors[instructions.indexOf(statement.exceptionalClose())] == 0) {
                closes.add(statement.exceptionalClose());
                suppressions.add(statement.addSuppressed());
            }
            for (MethodInsnNode close : statement.normalCloses()) {
                if (monitors[instructions.indexOf(close)] == 0) {
                    closes.add(close);
                }
            }
        }
        for (MethodInsnNode close : closes) {
            awaitClose(instructions, close);
        }
        for (MethodInsnNode suppression : suppressions) {
            instructions.set(suppression, new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.WOVEN_CODE,
                    RuntimeNames.ADD_SUPPRESSED, RuntimeNames.ADD_SUPPRESSED_DESCRIPTOR, false));
        }
        return !closes.isEmpty();
    }

    private static void awaitClose(InsnList instructions, MethodInsnNode close) {
        instructions.insert(close, new InsnNode(Opcodes.POP));
        instructions.insert(close, new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.ASYNCIO, RuntimeNames.AWAIT,
                RuntimeNames.AWAIT_DESCRIPTOR, false));
        instructions.set(close, new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.WOVEN_CODE,
                RuntimeNames.CLOSE_RESOURCE, RuntimeNames.CLOSE_RESOURCE_DESCRIPTOR, false));
    }

    /** Whether {@code internalName} is a class or interface of the JDK, which cannot extend {@code AsyncCloseable}. */
    private static boolean isJdkType(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }
}
