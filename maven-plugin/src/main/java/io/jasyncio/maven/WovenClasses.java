// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import io.jasyncio.weaver.ClassWeaver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the plugin reads from class files that the weaver wrote, through the woven shape that
 * {@code agent/WEAVING.md} documents: the marker on a woven class, and the states of each woven
 * method.
 *
 * <p>TODO(issue 6): the weaver could report both itself ({@code ClassWeaver.isWoven(byte[])} and the
 * states in {@code ClassWeaver.Result}); until then they are read back from the bytes.
 */
final class WovenClasses {
    /** The weaver's marker on a woven class, an invisible annotation ({@code RuntimeNames.WOVEN_ANNOTATION}). */
    private static final String WOVEN_ANNOTATION = "Lio/jasyncio/internal/Woven;";

    /** The frame class's method that calls the body: {@code Object resume()}. */
    private static final String RESUME = "resume";
    private static final String RESUME_DESCRIPTOR = "()Ljava/lang/Object;";

    /** Reading only the class's header and annotations is all that finding the marker needs. */
    private static final int HEADER_ONLY = ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;

    private WovenClasses() {
    }

    /** Whether {@code classFile} carries the weaver's marker, so that weaving it again would change nothing. */
    static boolean isWoven(byte[] classFile) {
        boolean[] woven = {false};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                woven[0] |= !visible && descriptor.equals(WOVEN_ANNOTATION);
                return null;
            }
        }, HEADER_ONLY);
        return woven[0];
    }

    /**
     * The methods that {@code woven} turned into state machines, in the order of their frame classes.
     * Each frame class's {@code resume()} calls its method's body, whose dispatch on the resume label,
     * a {@code tableswitch} from 0 (the start) to the number of awaits, is its first switch.
     */
    static List<WovenMethod> methods(ClassWeaver.Result woven) {
        ClassReader owner = new ClassReader(woven.classFile());
        String className = owner.getClassName().replace('/', '.');
        List<WovenMethod> methods = new ArrayList<>();
        for (Map.Entry<String, byte[]> frameClass : woven.frameClasses().entrySet()) {
            Body body = calledByResume(frameClass.getValue());
            methods.add(new WovenMethod(className, body.name(), firstSwitchSize(owner, body)));
        }
        return methods;
    }

    /** A woven method's body, the state machine, in its owner. */
    private record Body(String name, String descriptor) {
    }

    /** The method that the frame class's {@code resume()} calls: the body. */
    private static Body calledByResume(byte[] frameClass) {
        Body[] called = {null};
        new ClassReader(frameClass).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.equals(RESUME) || !descriptor.equals(RESUME_DESCRIPTOR)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC) {
                            called[0] = new Body(method, methodDescriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (called[0] == null) {
            throw new IllegalStateException("not a frame class the weaver wrote: its resume() calls no body");
        }
        return called[0];
    }

    /** The number of cases of the first {@code tableswitch} in {@code body}. */
    private static int firstSwitchSize(ClassReader owner, Body body) {
        int[] cases = {0};
        owner.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String methodDescriptor, String signature,
                    String[] exceptions) {
                if (!method.equals(body.name()) || !methodDescriptor.equals(body.descriptor())) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTableSwitchInsn(int min, int max, Label defaultTarget, Label... targets) {
                        if (cases[0] == 0) {
                            cases[0] = max - min + 1;
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (cases[0] == 0) {
            throw new IllegalStateException("not a body the weaver wrote: " + body + " has no dispatch");
        }
        return cases[0];
    }
}
