// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves one {@code @Async} method: a pipeline of analyses and passes, each with one job, that turns
 * the method into a factory, a body and a frame class. {@link #weave} reads as the table of contents.
 */
final class MethodWeaver {
    private MethodWeaver() {
    }

    /** The three parts of a woven method. */
    record WovenMethod(MethodNode factory, MethodNode body, String frameClass, byte[] frameClassFile, int states) {
    }

    static WovenMethod weave(MethodContext context, PassObserver observer) throws WeaveException {
        MethodNode method = context.method;

        // The closes of try-with-resources become awaits. Then analyses and checks of the method: its
        // resume points are its awaits and, in an async generator, its emits, numbered together in
        // instruction order.
        if (AwaitResourceClosesPass.run(method)) {
            observer.afterPass(AwaitResourceClosesPass.class.getSimpleName(), context.owner, method);
        }
        List<MethodInsnNode> calls = resumePointCalls(method);
        RejectUnsupportedAwaitsPass.run(context, calls);
        HoistNewAcrossAwaitsPass.run(context);
        observer.afterPass(HoistNewAcrossAwaitsPass.class.getSimpleName(), context.owner, method);

        // Plan the slots: the arguments at the entry, then the values live at each resume point.
        Map<AbstractInsnNode, FrameTypes.Snapshot> types = FrameTypes.before(context.owner.name, method,
                instruction -> instruction == method.instructions.getFirst() || AwaitSites.isAwait(instruction)
                        || EmitSites.isEmit(instruction));
        SlotPlan plan = new SlotPlan();
        SlotPlan.Point entry = plan.plan(types.get(method.instructions.getFirst()).locals(), List.of());
        List<ResumePoint> points = new ArrayList<>();
        for (MethodInsnNode call : calls) {
            FrameTypes.Snapshot atCall = types.get(call);
            if (atCall == null) {
                continue; // unreachable code: the verifier never sees it run, nor do we
            }
            rejectUnconstructed(context, call, atCall);
            FrameTypes.Snapshot saved = atCall.withoutTop(1);
            points.add(new ResumePoint(points.size() + 1, call, EmitSites.isEmit(call), atCall,
                    plan.plan(saved.locals(), saved.stack())));
        }
        List<MethodInsnNode> returnedResults = AwaitSites.returnedResults(method);

        // Emit the frame class and the factory from the plan, then rewrite the method into the body.
        String bodyDescriptor = bodyDescriptor(context);
        FrameAccess frame = new FrameAccess(context.frameClass);
        byte[] frameClassFile = FrameClassEmitter.emit(context, plan, bodyDescriptor, points);
        MethodNode factory = FactoryEmitter.emit(context, entry, frameClassFile, frame);
        if (EmitSites.returnsGenerator(method)) {
            WrapGeneratorFactoryPass.run(factory);
        }
        becomeBody(context, bodyDescriptor);
        ShiftLocalsPass.run(method, context.frameClass);
        observer.afterPass(ShiftLocalsPass.class.getSimpleName(), context.owner, method);
        RewriteReturnsPass.run(method, returnedResults);
        observer.afterPass(RewriteReturnsPass.class.getSimpleName(), context.owner, method);
        ResumeCode code = new ResumeCode(method, frame);
        Map<Integer, LabelNode> emitResumes = RewriteEmitsPass.run(context, code, points);
        if (!emitResumes.isEmpty()) {
            observer.afterPass(RewriteEmitsPass.class.getSimpleName(), context.owner, method);
        }
        BuildStateMachinePass.run(context, code, entry, points, emitResumes);
        observer.afterPass(BuildStateMachinePass.class.getSimpleName(), context.owner, method);
        return new WovenMethod(factory, method, context.frameClass, frameClassFile, points.size() + 1);
    }

    /** The calls that become resume points: the awaits, and the emits, in instruction order. */
    private static List<MethodInsnNode> resumePointCalls(MethodNode method) {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode instruction : method.instructions) {
            if (AwaitSites.isAwait(instruction) || EmitSites.isEmit(instruction)) {
                calls.add((MethodInsnNode) instruction);
            }
        }
        return calls;
    }

    /**
     * {@code (Coroutine frame, [Owner this,] arguments...)Object}: the user's arguments keep their
     * positions after the frame, which makes overloads distinct and names only types that the
     * method's callers can already resolve.
     */
    static String bodyDescriptor(MethodContext context) {
        StringBuilder descriptor = new StringBuilder("(").append(RuntimeNames.COROUTINE_DESCRIPTOR);
        if (context.isInstanceMethod()) {
            descriptor.append(Type.getObjectType(context.owner.name).getDescriptor());
        }
        for (Type argument : Type.getArgumentTypes(context.method.desc)) {
            descriptor.append(argument.getDescriptor());
        }
        return descriptor.append(")Ljava/lang/Object;").toString();
    }

    /** Turns the method node into the body: static, synthetic, reachable from the frame class. */
    private static void becomeBody(MethodContext context, String bodyDescriptor) {
        MethodNode method = context.method;
        boolean ownerIsInterface = (context.owner.access & Opcodes.ACC_INTERFACE) != 0;
        method.access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (ownerIsInterface ? Opcodes.ACC_PUBLIC : 0)
                | (method.access & Opcodes.ACC_STRICT);
        method.desc = bodyDescriptor;
        method.signature = null;
        method.exceptions = new ArrayList<>();
        method.visibleAnnotations = null;
        method.invisibleAnnotations = null;
        method.visibleParameterAnnotations = null;
        method.invisibleParameterAnnotations = null;
        method.visibleAnnotableParameterCount = 0;
        method.invisibleAnnotableParameterCount = 0;
        method.visibleTypeAnnotations = null;
        method.invisibleTypeAnnotations = null;
        method.parameters = null;
        method.attrs = null;
    }

    private static void rejectUnconstructed(MethodContext context, MethodInsnNode await, FrameTypes.Snapshot types)
            throws WeaveException {
        for (Object type : types.locals()) {
            if (SlotSort.isUninitialized(type)) {
                throw context.failure(await, "await while an object is under construction");
            }
        }
        for (Object type : types.stack()) {
            if (SlotSort.isUninitialized(type)) {
                throw context.failure(await, "await inside the arguments of a constructor call of an unsupported"
                        + " shape: assign the awaited value to a local variable first");
            }
        }
    }
}
